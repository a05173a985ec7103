package dev.kairos.compliance.signals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Compliance withdraws SMS consent on exactly the keywords dispatch's SMS end recognises as opt-outs. */
class StopKeywordsTest {

    @ParameterizedTest
    @ValueSource(strings = {"STOP", "stop", "Stop", " STOP ", "\tstop\n", "Stop.", "STOPALL", "stop all", "END",
            "CANCEL", "UNSUBSCRIBE", "QUIT", "REVOKE", "OPTOUT", "OPT OUT", "opt out", "OPT  OUT", "Opt-Out", "optout",
            "ARRET", "arret", "ARRÊT", "arrêt", " Arrêt "})
    void recognisesEveryOptOutKeywordInAnyCaseWithSpacesAndHyphensIgnored(String text) {
        assertThat(StopKeywords.isOptOut(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"HELP", "INFO", "AIDE", "", " ", "STOP please call me", "don't stop", "STOPP", "ARRETE",
            "START"})
    void helpAndAnythingElseIsNotAnOptOut(String text) {
        assertThat(StopKeywords.isOptOut(text)).isFalse();
    }

    @ParameterizedTest
    @NullSource
    void noTextIsNotAnOptOut(String text) {
        assertThat(StopKeywords.isOptOut(text)).isFalse();
    }
}
