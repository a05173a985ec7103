package dev.kairos.dispatch.instances;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a read forwarded by another dispatch instance, and only that way (ADR 0029): a request marked
 * {@link InstanceForwarder#FORWARDED} must carry a valid {@link InstanceCredential} for its method and path and
 * no bearer token, or it is refused with 401. It then holds {@link #AUTHORITY}, which the security rules accept
 * on the forwardable reads only. The instance that forwarded it checked the caller's token and scope.
 */
public final class InstanceAuthentication extends OncePerRequestFilter {

    /** The authority of a forwarded read. */
    public static final String AUTHORITY = "KAIROS_DISPATCH_INSTANCE";

    private final InstanceCredential credential;

    public InstanceAuthentication(InstanceCredential credential) {
        this.credential = credential;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader(InstanceForwarder.FORWARDED) == null) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || !credential.verify(request.getHeader(InstanceForwarder.CREDENTIAL), request.getMethod(),
                signedTarget(request))) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                    + "\"detail\":\"A forwarded call needs the dispatch instances' credential, and no bearer token.\"}");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("dispatch-instance", null,
                List.of(new SimpleGrantedAuthority(AUTHORITY))));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }

    /** The path and query the credential was issued for: a forwarded read's parameters are signed too. */
    private static String signedTarget(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
    }
}
