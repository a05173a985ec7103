package dev.kairos.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import tools.jackson.core.StreamReadConstraints;

/**
 * Bounds on what a request may make a service read, before any controller sees it: the body's size,
 * and what the JSON reader accepts (document length, nesting depth, string, number and name lengths).
 * Far above any legitimate request; what they stop is a request built to cost memory or CPU.
 */
@ConfigurationProperties("kairos.web.limits")
public class InputLimits {

    /** Largest request body; a larger one answers 413 before it is read. */
    private DataSize maxBodySize = DataSize.ofMegabytes(1); // 1,048,576 bytes: Spring counts in powers of two
    /** Deepest nesting of JSON objects and arrays. */
    private int maxNestingDepth = 32;
    /** Longest JSON string value, in characters (an email's HTML part included). */
    private int maxStringLength = 256 * 1024;
    /** Longest JSON number, in characters. */
    private int maxNumberLength = 64;
    /** Longest JSON property name, in characters. */
    private int maxNameLength = 1_024;

    StreamReadConstraints readConstraints() {
        return StreamReadConstraints.builder()
                // A body streamed without Content-Length is bounded here, by the same figure.
                .maxDocumentLength(maxBodySize.toBytes())
                .maxNestingDepth(maxNestingDepth)
                .maxStringLength(maxStringLength)
                .maxNumberLength(maxNumberLength)
                .maxNameLength(maxNameLength)
                .build();
    }

    public DataSize getMaxBodySize() { return maxBodySize; }
    public void setMaxBodySize(DataSize maxBodySize) { this.maxBodySize = maxBodySize; }
    public int getMaxNestingDepth() { return maxNestingDepth; }
    public void setMaxNestingDepth(int maxNestingDepth) { this.maxNestingDepth = maxNestingDepth; }
    public int getMaxStringLength() { return maxStringLength; }
    public void setMaxStringLength(int maxStringLength) { this.maxStringLength = maxStringLength; }
    public int getMaxNumberLength() { return maxNumberLength; }
    public void setMaxNumberLength(int maxNumberLength) { this.maxNumberLength = maxNumberLength; }
    public int getMaxNameLength() { return maxNameLength; }
    public void setMaxNameLength(int maxNameLength) { this.maxNameLength = maxNameLength; }
}
