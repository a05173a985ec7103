package dev.kairos.dispatch.requests;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/v1/messages}, as documented in the public API. */
record MessageRequest(
        @NotBlank @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9._:\\-]+", message = "must be letters, digits, '.', '_', ':' or '-'")
        String requestId,
        @NotBlank @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9._:\\-]+", message = "must be letters, digits, '.', '_', ':' or '-'")
        String customerId,
        @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9\\-]*", message = "must be a catalogue topic id")
        String topic,
        List<ChannelName> channels,
        DeliveryMode delivery,
        Map<ChannelName, @Valid Content> content,
        String templateId,
        Map<String, String> variables,
        Instant notBefore,
        Instant expiresAt,
        WhenCapped whenCapped,
        @Size(max = 200) String campaignId,
        @Size(max = 320) String recipientAddress) {

    enum ChannelName { EMAIL, SMS, MAIL }

    enum DeliveryMode { FIRST_AVAILABLE, ALL }

    enum WhenCapped { DROP, DEFER }

    record Content(@Size(max = 998) String subject, String text, String html) {
        boolean present() {
            return (text != null && !text.isBlank()) || (html != null && !html.isBlank());
        }
    }
}
