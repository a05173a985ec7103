/** Kafka serdes and byte codecs for the Kairos topic values, in Avro single-object encoding. */
package dev.kairos.proto.serde;
