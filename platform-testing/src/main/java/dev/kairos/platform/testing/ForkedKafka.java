package dev.kairos.platform.testing;

/**
 * Main class of the broker JVM that {@link KraftBroker} forks:
 * {@code ForkedKafka <parent pid> <server.properties> [format <cluster id>]}.
 * It formats the storage first when asked (in the same JVM: a second JVM start costs seconds on a busy
 * machine), then runs {@code kafka.Kafka}, and exits cleanly when the parent process is gone.
 *
 * <p>Why watch the parent: a test JVM or local launcher that is killed (SIGKILL, a crashed surefire fork)
 * cannot stop its children, and an orphaned broker keeps its ports and its data directory lock.
 */
public final class ForkedKafka {

    private ForkedKafka() {
    }

    public static void main(String[] args) {
        if (args.length != 2 && !(args.length == 4 && "format".equals(args[2]))) {
            System.err.println("usage: ForkedKafka <parent pid> <server.properties> [format <cluster id>]");
            System.exit(2);
        }
        watchParent(Long.parseLong(args[0]));
        String serverProperties = args[1];
        if (args.length == 4) {
            int code = kafka.tools.StorageTool.execute(
                    new String[] {"format", "-t", args[3], "-c", serverProperties}, System.out);
            if (code != 0) {
                System.err.println("Formatting the storage failed with code " + code);
                System.exit(code);
            }
        }
        kafka.Kafka.main(new String[] {serverProperties});
    }

    private static void watchParent(long parentPid) {
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(ForkedKafka::parentGone),
                ForkedKafka::parentGone);
    }

    private static void parentGone() {
        System.err.println("[ForkedKafka] the parent process has exited; shutting down");
        // System.exit runs Kafka's shutdown hook (a clean stop); halt if that hangs.
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
            Runtime.getRuntime().halt(1);
        }, "forked-kafka-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(1);
    }
}
