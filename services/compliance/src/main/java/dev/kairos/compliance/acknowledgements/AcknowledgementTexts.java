package dev.kairos.compliance.acknowledgements;

import dev.kairos.compliance.addresses.Channel;
import java.util.Map;

/**
 * The words of an acknowledgement, in French and in English: informational, no promotion. They are templates
 * that dispatch fills when it renders the message for the customer: {@code {{salutation}}} (the greeting by the
 * customer's chosen form of address, by name when they chose no title), {@code {{purposes}}} (from the
 * request's variables) and, by email, {@code {{preferencesUrl}}} (the customer's signed preference-centre link).
 */
public final class AcknowledgementTexts {

    /**
     * One language's words.
     *
     * @param granted   what a grant says, {@code %s} being how it comes ({@link #by})
     * @param link      the email's last line
     * @param noLink    a letter's last line: a letter carries no link to type in
     */
    private record Words(String subject, Map<Channel, String> by, String granted, String withdrawn, String link,
                         String noLink) {
    }

    private static final Words FRENCH = new Words("Votre choix est enregistré",
            Map.of(Channel.EMAIL, "par e-mail", Channel.SMS, "par SMS", Channel.MAIL, "par courrier"),
            "Nous avons bien enregistré votre accord pour recevoir «\u00a0{{purposes}}\u00a0» %s.",
            "C’est noté\u00a0: vous ne recevrez plus «\u00a0{{purposes}}\u00a0» %s.",
            "Vous pouvez changer vos choix à tout moment\u00a0: {{preferencesUrl}}",
            "Vous pouvez changer vos choix à tout moment dans votre centre de préférences.");

    private static final Words ENGLISH = new Words("Your choice is recorded",
            Map.of(Channel.EMAIL, "by email", Channel.SMS, "by text message", Channel.MAIL, "by post"),
            "We have recorded your consent to receive \u201c{{purposes}}\u201d %s.",
            "Done: you will no longer receive \u201c{{purposes}}\u201d %s.",
            "You can change your choices at any time: {{preferencesUrl}}",
            "You can change your choices at any time in your preference centre.");

    private AcknowledgementTexts() {
    }

    /** The email subject. */
    public static String subject(Language language) {
        return words(language).subject();
    }

    public static String text(Language language, Channel channel, Acknowledgement.Action action) {
        Words words = words(language);
        String what = (action == Acknowledgement.Action.GRANTED ? words.granted() : words.withdrawn())
                .formatted(words.by().get(channel));
        return switch (channel) {
            // One sentence after the greeting, so the text stays within one or two SMS segments.
            case SMS -> "{{salutation}}, " + Character.toLowerCase(what.charAt(0)) + what.substring(1);
            case EMAIL -> "{{salutation}},\n\n" + what + "\n" + words.link() + "\n";
            case MAIL -> "{{salutation}},\n\n" + what + "\n" + words.noLink() + "\n";
        };
    }

    private static Words words(Language language) {
        return language == Language.FRENCH ? FRENCH : ENGLISH;
    }
}
