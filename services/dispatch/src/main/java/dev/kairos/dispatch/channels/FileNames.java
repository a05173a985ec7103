package dev.kairos.dispatch.channels;

/** File names derived from request ids: safe on any file system, one per request and channel. */
final class FileNames {

    private FileNames() {
    }

    static String of(String requestId, String channel) {
        return requestId.replaceAll("[^A-Za-z0-9._-]", "_") + "." + channel;
    }
}
