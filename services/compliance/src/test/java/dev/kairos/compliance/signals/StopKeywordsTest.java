package dev.kairos.compliance.signals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class StopKeywordsTest {

    @ParameterizedTest
    @ValueSource(strings = {"STOP", "stop", "Stop", " STOP ", "\tstop\n", "STOPALL", "stop all", "END", "CANCEL",
            "UNSUBSCRIBE", "QUIT", "REVOKE", "OPTOUT", "OPT OUT", "opt out", "OPT  OUT",
            "ARRET", "arret", "ARRÊT", "arrêt", " Arrêt "})
    void recognisesEveryOptOutKeywordInAnyCaseWithSpacesIgnored(String text) {
        assertThat(StopKeywords.isOptOut(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"HELP", "INFO", "", " ", "STOP please call me", "don't stop", "STOPP", "ARRETE", "START",
            "Opt-Out"})
    void anythingElseIsNotAnOptOut(String text) {
        assertThat(StopKeywords.isOptOut(text)).isFalse();
    }

    @ParameterizedTest
    @NullSource
    void noTextIsNotAnOptOut(String text) {
        assertThat(StopKeywords.isOptOut(text)).isFalse();
    }
}
