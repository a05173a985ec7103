package dev.kairos.preferences.customers.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.preferences.customers.ExpectedVersion;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class IfMatchTest {

    private static final OptionalLong NONE_STORED = OptionalLong.empty();

    @Test
    void withoutTheHeaderAnyStateIsAccepted() {
        ExpectedVersion expected = PreferencesController.expectedVersion(null);

        assertThat(expected.admits(NONE_STORED)).isTrue();
        assertThat(expected.admits(OptionalLong.of(9))).isTrue();
    }

    @Test
    void aStarAcceptsAnyStoredVersionButNotAnAbsentDocument() {
        ExpectedVersion expected = PreferencesController.expectedVersion("*");

        assertThat(expected.admits(OptionalLong.of(9))).isTrue();
        assertThat(expected.admits(NONE_STORED)).isFalse();
    }

    @Test
    void acceptsAnyVersionTheListNames() {
        ExpectedVersion expected = PreferencesController.expectedVersion("\"3\", \"4\"");

        assertThat(expected.admits(OptionalLong.of(4))).isTrue();
        assertThat(expected.admits(OptionalLong.of(5))).isFalse();
        assertThat(expected.admits(NONE_STORED)).isFalse();
    }

    @Test
    void weakOrForeignTagsMatchNothing() {
        ExpectedVersion expected = PreferencesController.expectedVersion("W/\"3\", \"abc\", 3");

        assertThat(expected.admits(OptionalLong.of(3))).isFalse();
    }
}
