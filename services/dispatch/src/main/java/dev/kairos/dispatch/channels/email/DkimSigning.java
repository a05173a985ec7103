package dev.kairos.dispatch.channels.email;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.springframework.core.io.Resource;

/**
 * DKIM (RFC 6376) signature over each outgoing email with the configured RSA key, selector and domain. The
 * signed headers include {@code List-Unsubscribe} and {@code List-Unsubscribe-Post}, as RFC 8058 section 4
 * requires for one-click unsubscribe to be trusted.
 */
final class DkimSigning {

    private final DkimSigner signer;

    DkimSigning(String domain, String selector, Resource privateKeyPem) {
        try (InputStream in = privateKeyPem.getInputStream()) {
            String pem = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            RSAPrivateKey key = (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            signer = new DkimSigner(domain, selector, key);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("kairos.email.dkim.private-key is not a PKCS#8 RSA key in PEM", e);
        }
        // The key's DNS record is the operator's business; checking it here would make sending depend on DNS.
        signer.setCheckDomainKey(false);
        signer.addHeaderToSign("List-Unsubscribe");
        signer.addHeaderToSign("List-Unsubscribe-Post");
        signer.addHeaderToSign("Message-ID");
    }

    MimeMessage sign(MimeMessage message) throws MessagingException {
        return new DkimMessage(message, signer);
    }
}
