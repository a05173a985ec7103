package dev.kairos.compliance.acknowledgements;

import dev.kairos.compliance.addresses.Channel;

/**
 * The words of an acknowledgement, in French and in English: informational, no promotion. They are templates
 * that dispatch fills when it renders the message for the customer: {@code {{salutation}}} (the greeting by the
 * customer's chosen form of address, by name when they chose no title), {@code {{purposes}}} (from the
 * request's variables) and, by email, {@code {{preferencesUrl}}} (the customer's signed preference-centre link).
 */
public final class AcknowledgementTexts {

    private AcknowledgementTexts() {
    }

    /** The email subject. */
    public static String subject(Language language) {
        return language == Language.FRENCH ? "Votre choix est enregistré" : "Your choice is recorded";
    }

    public static String text(Language language, Channel channel, Acknowledgement.Action action) {
        String what = language == Language.FRENCH ? french(channel, action) : english(channel, action);
        return switch (channel) {
            // One sentence after the greeting, so the text stays within one or two SMS segments.
            case SMS -> "{{salutation}}, " + Character.toLowerCase(what.charAt(0)) + what.substring(1);
            case EMAIL -> "{{salutation}},\n\n" + what + "\n" + (language == Language.FRENCH
                    ? "Vous pouvez changer vos choix à tout moment\u00a0: {{preferencesUrl}}"
                    : "You can change your choices at any time: {{preferencesUrl}}") + "\n";
            // A letter carries no link to type in: the customer's preference centre is where they know it.
            case MAIL -> "{{salutation}},\n\n" + what + "\n" + (language == Language.FRENCH
                    ? "Vous pouvez changer vos choix à tout moment dans votre centre de préférences."
                    : "You can change your choices at any time in your preference centre.") + "\n";
        };
    }

    private static String french(Channel channel, Acknowledgement.Action action) {
        String by = switch (channel) {
            case EMAIL -> "par e-mail";
            case SMS -> "par SMS";
            case MAIL -> "par courrier";
        };
        return action == Acknowledgement.Action.GRANTED
                ? "Nous avons bien enregistré votre accord pour recevoir «\u00a0{{purposes}}\u00a0» " + by + "."
                : "C’est noté\u00a0: vous ne recevrez plus «\u00a0{{purposes}}\u00a0» " + by + ".";
    }

    private static String english(Channel channel, Acknowledgement.Action action) {
        String by = switch (channel) {
            case EMAIL -> "by email";
            case SMS -> "by text message";
            case MAIL -> "by post";
        };
        return action == Acknowledgement.Action.GRANTED
                ? "We have recorded your consent to receive \u201c{{purposes}}\u201d " + by + "."
                : "Done: you will no longer receive \u201c{{purposes}}\u201d " + by + ".";
    }
}
