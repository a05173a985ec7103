package dev.kairos.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 413 (an RFC 9457 problem) to a request that announces a body larger than the limit, before
 * anything reads it. A body sent without a length is bounded by the JSON reader's document length, and
 * a form post by the servlet container's own limit.
 */
class BodySizeLimit extends OncePerRequestFilter {

    private final long maxBytes;

    BodySizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            // The connection is not worth keeping: the client may still be sending the body.
            response.setHeader("Connection", "close");
            response.getOutputStream().write(("""
                    {"type":"https://kairos.dev/problems/body-too-large","title":"Request body too large",\
                    "status":413,"detail":"The body may hold at most %d bytes."}""".formatted(maxBytes))
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }
}
