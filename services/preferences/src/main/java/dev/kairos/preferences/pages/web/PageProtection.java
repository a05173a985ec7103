package dev.kairos.preferences.pages.web;

import dev.kairos.preferences.pages.TokenBuckets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What every customer page answer carries, and who may ask at all. The pages need no login, so anyone with
 * a link, or guessing at links, can send as many requests as they like: each link and each client address
 * gets a token bucket, and beyond it the answer is 429 with {@code Retry-After}. And a
 * Content-Security-Policy that lets the page load nothing, run no script, be framed by no one and post its
 * forms only to itself: the one inline style block is allowed by its hash.
 */
final class PageProtection extends OncePerRequestFilter {

    static final String STYLE_TEMPLATE = "templates/pages/head.mustache";

    private final TokenBuckets perLink;
    private final TokenBuckets perClient;
    private final String contentSecurityPolicy;
    private final Counter limited;

    PageProtection(TokenBuckets perLink, TokenBuckets perClient, MeterRegistry meters) {
        this.perLink = perLink;
        this.perClient = perClient;
        this.contentSecurityPolicy = "default-src 'none'; style-src '" + styleHash() + "'; form-action 'self'; "
                + "frame-ancestors 'none'; base-uri 'none'";
        this.limited = Counter.builder("kairos.preferences.pages.rate.limited")
                .description("Customer page requests refused with 429").register(meters);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", contentSecurityPolicy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        // The client first: a flood of forged links should not fill the memory of links. Except for an
        // unsubscribe POST: mail providers send RFC 8058 one-click POSTs for all their users from a few
        // addresses, and a withdrawal must never be refused for being in good company; the per-link bucket
        // and the idempotent withdrawal bound what one link can cost.
        String uri = request.getRequestURI();
        boolean unsubscribe = "POST".equals(request.getMethod()) && uri.startsWith("/u/");
        Optional<Duration> wait = (unsubscribe ? Optional.<Duration>empty() : perClient.take(request.getRemoteAddr()))
                .or(() -> perLink.take(link(uri)));
        if (wait.isPresent()) {
            limited.increment();
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (wait.get().toMillis() + 999) / 1000)));
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("Too many requests. Please try again later. / Trop de demandes. Merci de réessayer plus tard.\n");
            return;
        }
        chain.doFilter(request, response);
    }

    /** {@code /p/TOKEN/...} → {@code p/TOKEN}: the page kind and its signed token. */
    private static String link(String uri) {
        int start = uri.startsWith("/") ? 1 : 0;
        int slash = uri.indexOf('/', start);
        int end = slash < 0 ? -1 : uri.indexOf('/', slash + 1);
        return end < 0 ? uri.substring(start) : uri.substring(start, end);
    }

    /** The CSP source of the inline style block of every page (the template has no placeholder inside it). */
    static String styleHash() {
        try (InputStream in = new ClassPathResource(STYLE_TEMPLATE).getInputStream()) {
            String head = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int from = head.indexOf("<style>") + "<style>".length();
            int to = head.indexOf("</style>");
            if (from < "<style>".length() || to < from) {
                throw new IllegalStateException(STYLE_TEMPLATE + " has no <style> block");
            }
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(head.substring(from, to).getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
