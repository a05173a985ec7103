package dev.kairos.platform.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints an API token for the local run: {@code TokenCommand [--home DIR] [--subject NAME] [scope...]}.
 * Only the token goes to stdout, so {@code curl -H "Authorization: Bearer $(./kairos token messages:send)"} works.
 * Without scopes the token carries them all; it is for every service of the local run (its {@code aud} names
 * the three).
 */
public final class TokenCommand {

    /** Every scope the services know. */
    public static final List<String> ALL_SCOPES = List.of(
            "preferences:read", "preferences:write", "catalogue:write",
            "messages:send", "messages:read",
            "consents:write", "consents:read",
            "subjects:export", "subjects:erase",
            "audit:read",
            "inbound:email", "inbound:mail");

    /** Long enough for a working day with the local system. */
    static final Duration TTL = Duration.ofHours(12);

    private TokenCommand() {
    }

    public static void main(String[] args) {
        Path home = LocalSystem.defaultHome();
        String subject = "local-developer";
        List<String> scopes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = Path.of(requireValue(args, ++i, "--home"));
                case "--subject" -> subject = requireValue(args, ++i, "--subject");
                case "-h", "--help" -> {
                    usage();
                    return;
                }
                default -> {
                    if (args[i].startsWith("-")) {
                        System.err.println("Unknown option " + args[i]);
                        usage();
                        System.exit(2);
                    }
                    scopes.add(args[i]);
                }
            }
        }
        LocalIssuer issuer = LocalIssuer.loadOrCreate(LocalSystem.keysFolder(home));
        System.out.println(issuer.mint(subject, scopes.isEmpty() ? ALL_SCOPES : scopes, LocalIssuer.ALL_AUDIENCES, TTL));
    }

    private static String requireValue(String[] args, int index, String option) {
        if (index >= args.length) {
            System.err.println(option + " needs a value");
            System.exit(2);
        }
        return args[index];
    }

    private static void usage() {
        System.err.println("usage: token [--home DIR] [--subject NAME] [scope...]");
        System.err.println("  prints a token valid for " + TTL.toHours() + " h; default scopes: " + String.join(" ", ALL_SCOPES));
    }
}
