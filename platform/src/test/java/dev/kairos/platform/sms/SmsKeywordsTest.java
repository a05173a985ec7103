package dev.kairos.platform.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.sms.SmsKeywords.Keyword;
import dev.kairos.platform.sms.SmsKeywords.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmsKeywordsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Stop|STOP", "' stop '|STOP", "STOP|STOP", "stop.|STOP", "Stop!|STOP", "stopall|STOPALL",
            "'Stop All'|STOPALL", "End|END", "cancel|CANCEL", "Unsubscribe|UNSUBSCRIBE", "quit|QUIT",
            "REVOKE|REVOKE", "optout|OPTOUT", "Opt-Out|OPTOUT", "'opt out'|OPTOUT", "OPT_OUT|OPTOUT",
            "ARRÊT|ARRET", "arrêt|ARRET", "Arret|ARRET", "'\tarret\n'|ARRET"})
    void anOptOutKeywordInAnyCaseSpacingOrAccentIsAnOptOut(String text, String canonical) {
        assertThat(SmsKeywords.of(text)).contains(new Keyword(Kind.OPT_OUT, canonical));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HELP", "help", " Help ", "INFO", "aide", "Aide ?"})
    void helpInfoAndAideAskForHelp(String text) {
        assertThat(SmsKeywords.of(text)).hasValueSatisfying(k -> assertThat(k.kind()).isEqualTo(Kind.HELP));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "stop it", "please stop", "STOPP", "stopping", "Oui", "START", "help me",
            "s.t.o.p", "STOP STOP"})
    void anyOtherTextIsNoKeyword(String text) {
        assertThat(SmsKeywords.of(text)).isEmpty();
    }
}
