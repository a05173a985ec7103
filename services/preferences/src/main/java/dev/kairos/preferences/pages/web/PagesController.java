package dev.kairos.preferences.pages.web;

import dev.kairos.platform.links.LinkCheck;
import dev.kairos.platform.links.LinkClaims;
import dev.kairos.platform.links.LinkPurpose;
import dev.kairos.platform.links.SignedLinks;
import dev.kairos.platform.web.FieldProblem;
import dev.kairos.platform.web.InvalidRequestException;
import dev.kairos.preferences.common.Channel;
import dev.kairos.preferences.consents.ConsentAction;
import dev.kairos.preferences.consents.Evidence;
import dev.kairos.preferences.customers.CustomerPreferences;
import dev.kairos.preferences.customers.PreferencesForm;
import dev.kairos.preferences.customers.StaleVersionException;
import dev.kairos.preferences.customers.UnknownCustomerException;
import dev.kairos.preferences.pages.CustomerPages;
import dev.kairos.preferences.pages.CustomerPages.ConsentChange;
import dev.kairos.preferences.pages.web.PageRenderer.Texts;
import dev.kairos.preferences.topics.Topic;
import dev.kairos.preferences.topics.TopicCategory;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer pages. The signed token in the path is the only authority: no login, no session, no
 * cookie. A GET never changes anything; every change is a form POST back to the same address.
 */
@RestController
@Hidden
class PagesController {

    static final String NOTICE_VERSION = "pages-1";
    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

    private final SignedLinks links;
    private final CustomerPages pages;
    private final PageRenderer renderer;
    private final CentreView centreView;
    private final MeterRegistry meters;

    PagesController(SignedLinks links, CustomerPages pages, PageRenderer renderer, MeterRegistry meters) {
        this.links = links;
        this.pages = pages;
        this.renderer = renderer;
        this.centreView = new CentreView(renderer);
        this.meters = meters;
    }

    // ---- Preference centre -------------------------------------------------------------------------

    @GetMapping("/p/{token}")
    ResponseEntity<String> centre(@PathVariable String token, @RequestParam(required = false) String saved,
            HttpServletRequest request) {
        Link link = verify(token, LinkPurpose.PREFERENCES, "centre");
        if (link.refusal != null) {
            return link.refusal;
        }
        String customerId = link.claims.subject();
        Optional<CustomerPreferences> stored = pages.preferences(customerId);
        if (stored.isEmpty()) {
            return message(HttpStatus.NOT_FOUND, PageRenderer.language(request.getLocale().toLanguageTag()),
                    "nothing_title", "nothing_text");
        }
        CustomerPreferences current = stored.get();
        Locale language = PageRenderer.language(current.document().locale().toLanguageTag());
        PreferencesForm form = PreferencesForm.of(current.document());
        return html(HttpStatus.OK, centreView.render(language, token, current.version(), form, pages.topics(),
                current.document().timeZone(), ConsentBoxes.inForce(pages.consented(customerId)), List.of(),
                saved == null ? null : "pending".equals(saved) ? "saved-pending" : "saved"));
    }

    @PostMapping("/p/{token}")
    ResponseEntity<String> saveCentre(@PathVariable String token, @RequestParam MultiValueMap<String, String> in,
            HttpServletRequest request) {
        Link link = verify(token, LinkPurpose.PREFERENCES, "centre-save");
        if (link.refusal != null) {
            return link.refusal;
        }
        String customerId = link.claims.subject();
        Optional<CustomerPreferences> stored = pages.preferences(customerId);
        if (stored.isEmpty()) {
            return message(HttpStatus.NOT_FOUND, PageRenderer.language(request.getLocale().toLanguageTag()),
                    "nothing_title", "nothing_text");
        }
        CustomerPreferences current = stored.get();
        Locale language = PageRenderer.language(current.document().locale().toLanguageTag());
        Texts texts = PageRenderer.texts(language);
        List<Topic> topics = pages.topics();
        PreferencesForm currentForm = PreferencesForm.of(current.document());
        PreferencesForm submitted = CentreForm.read(in, topics, currentForm);
        long shownVersion = parseVersion(in.getFirst("version"));
        List<ConsentChange> consents = consentChanges(in, topics, language, request);
        CustomerPages.SavedCentre saved;
        try {
            saved = pages.saveCentre(customerId, submitted, shownVersion, consents);
        } catch (InvalidRequestException e) {
            return html(HttpStatus.BAD_REQUEST, centreView.render(language, token, shownVersion, submitted, topics,
                    current.document().timeZone(), ConsentBoxes.submitted(in, topics), e.problems(), null));
        } catch (StaleVersionException e) {
            return html(HttpStatus.CONFLICT, centreView.render(language, token, current.version(), currentForm, topics,
                    current.document().timeZone(), ConsentBoxes.inForce(pages.consented(customerId)), List.of(), "stale"));
        }
        // POST-redirect-GET: reloading the confirmation does not submit the form again.
        String status = saved.awaitingConfirmation().isEmpty() ? "?saved" : "?saved=pending";
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/p/" + token + status))
                .cacheControl(CacheControl.noStore()).build();
    }

    /**
     * A box of a MARKETING topic that the customer ticked or cleared is a consent given or withdrawn for the
     * topic's purpose, with the notice printed beside that box as evidence. What changed is read against the
     * consents the page showed in force, not the ledger's state now: a box left as it was changes nothing,
     * even when the ledger moved meanwhile (a grant still on its way would otherwise read as a withdrawal).
     */
    private List<ConsentChange> consentChanges(MultiValueMap<String, String> in, List<Topic> topics, Locale language,
            HttpServletRequest request) {
        Texts texts = PageRenderer.texts(language);
        List<ConsentChange> changes = new ArrayList<>();
        for (Topic topic : topics) {
            if (topic.category() != TopicCategory.MARKETING || !in.containsKey("topic." + topic.id() + ".shown")) {
                continue;
            }
            Set<String> before = ConsentBoxes.shownIn(in, topic.id());
            Set<String> after = new HashSet<>(CentreForm.channels(in, topic.id()));
            for (Channel channel : Channel.values()) {
                boolean was = before.contains(channel.name());
                boolean is = after.contains(channel.name());
                if (was != is) {
                    String notice = CentreView.notice(texts, topic, channel);
                    changes.add(new ConsentChange(is ? ConsentAction.GRANT : ConsentAction.WITHDRAW, channel,
                            topic.purpose(), evidence("PREFERENCE_CENTRE", "preference-centre", notice, language, null, request)));
                }
            }
        }
        return changes;
    }

    // ---- Unsubscribe ---------------------------------------------------------------------------------

    @GetMapping("/u/{token}")
    ResponseEntity<String> unsubscribePage(@PathVariable String token, HttpServletRequest request) {
        Link link = verify(token, LinkPurpose.UNSUBSCRIBE, "unsubscribe");
        if (link.refusal != null) {
            return link.refusal;
        }
        Unsubscription what = unsubscription(link, request);
        if (what == null) {
            return invalid("unsubscribe", "UNUSABLE_CLAIMS");
        }
        return html(HttpStatus.OK, renderer.render("unsubscribe", what.language, unsubscribeModel(token, what, null, null)));
    }

    /** RFC 8058 allows the one-click body as urlencoded or multipart form data: both are read, never refused. */
    @PostMapping("/u/{token}")
    ResponseEntity<String> unsubscribe(@PathVariable String token, @RequestParam MultiValueMap<String, String> in,
            HttpServletRequest request) {
        boolean oneClick = "One-Click".equals(in.getFirst("List-Unsubscribe"));
        Link link = verify(token, LinkPurpose.UNSUBSCRIBE, oneClick ? "one-click" : "unsubscribe-submit");
        if (link.refusal != null) {
            return link.refusal;
        }
        Unsubscription what = unsubscription(link, request);
        if (what == null) {
            return invalid("unsubscribe", "UNUSABLE_CLAIMS");
        }
        String customerId = link.claims.subject();
        if (oneClick) {
            // RFC 8058: the mailbox provider posts on the person's behalf; an expired but authentic link still
            // unsubscribes, because an opt-out is never lost. 200, no redirect, no cookie.
            pages.withdraw(customerId, what.channel, what.topic.purpose(), evidence("ONE_CLICK", "list-unsubscribe",
                    null, null, "List-Unsubscribe=One-Click", request));
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).cacheControl(CacheControl.noStore())
                    .body("Unsubscribed / Désinscription enregistrée\n");
        }
        Texts texts = PageRenderer.texts(what.language);
        if ("fewer".equals(in.getFirst("action"))) {
            if (link.expired) {
                // Changing preferences needs a live link; unsubscribing does not.
                return html(HttpStatus.GONE, renderer.render("unsubscribe", what.language, unsubscribeModel(token, what, null, null)));
            }
            return fewerMessages(token, customerId, what, in);
        }
        if (!"unsubscribe".equals(in.getFirst("action"))) {
            return html(HttpStatus.BAD_REQUEST, renderer.render("unsubscribe", what.language, unsubscribeModel(token, what, null, null)));
        }
        String notice = texts.format(link.expired ? "unsubscribe_expired_notice" : "unsubscribe_notice",
                what.topic.name(), texts.get("channel_" + what.channel.name()));
        pages.withdraw(customerId, what.channel, what.topic.purpose(),
                evidence("UNSUBSCRIBE_LINK", "unsubscribe-page", notice, what.language, null, request));
        return message(HttpStatus.OK, what.language, "unsubscribed_title",
                texts.format("unsubscribed_text", what.topic.name(), texts.get("channel_" + what.channel.name())));
    }

    private ResponseEntity<String> fewerMessages(String token, String customerId, Unsubscription what,
            MultiValueMap<String, String> in) {
        Texts texts = PageRenderer.texts(what.language);
        String choice = in.getFirst("fewer");
        PreferencesForm.Cap cap = null;
        PreferencesForm.Digest digest = null;
        if ("digest-day".equals(choice)) {
            digest = new PreferencesForm.Digest("DAY", null, in.getFirst("digestAt"));
        } else if ("digest-week".equals(choice)) {
            digest = new PreferencesForm.Digest("WEEK", in.getFirst("digestOn"), in.getFirst("digestAt"));
        } else {
            String max = in.getFirst("capMax");
            cap = new PreferencesForm.Cap(max == null || !max.strip().matches("\\d{1,6}") ? 0 : Integer.parseInt(max.strip()),
                    in.getFirst("capPer"));
        }
        try {
            pages.fewerMessages(customerId, what.topic.id(), cap, digest);
        } catch (InvalidRequestException e) {
            // What the customer typed stays on the page beside what to correct.
            return html(HttpStatus.BAD_REQUEST, renderer.render("unsubscribe", what.language,
                    unsubscribeModel(token, what, e.problems(), new PreferencesForm.TopicChoice(null, cap, digest))));
        } catch (UnknownCustomerException | StaleVersionException e) {
            return html(HttpStatus.CONFLICT, renderer.render("unsubscribe", what.language,
                    unsubscribeModel(token, what, List.of(new FieldProblem("", texts.get("fewer_unavailable"))), null)));
        }
        return message(HttpStatus.OK, what.language, "fewer_done_title",
                texts.format("fewer_done_text", what.topic.name()));
    }

    /**
     * @param shown the frequency the "fewer messages" form shows: the one submitted when it was refused, else
     *              (null) the topic's current one
     */
    private Map<String, Object> unsubscribeModel(String token, Unsubscription what, List<FieldProblem> problems,
            PreferencesForm.TopicChoice shown) {
        Texts texts = PageRenderer.texts(what.language);
        String channel = texts.get("channel_" + what.channel.name());
        Map<String, Object> model = new HashMap<>();
        model.put("title", texts.get("unsubscribe_title"));
        model.put("token", token);
        model.put("expired", what.expired);
        model.put("intro", texts.format("unsubscribe_intro", what.topic.name(), channel));
        model.put("notice", texts.format(what.expired ? "unsubscribe_expired_notice" : "unsubscribe_notice",
                what.topic.name(), channel));
        model.put("errors", problems == null ? List.of() : ProblemMessages.in(what.language, problems));
        model.put("hasErrors", problems != null && !problems.isEmpty());
        PreferencesForm.TopicChoice choice = shown != null ? shown : what.current;
        PreferencesForm.Cap cap = choice == null ? null : choice.frequency();
        PreferencesForm.Digest digest = choice == null ? null : choice.digest();
        model.put("capChecked", digest == null);
        model.put("dailyChecked", digest != null && "DAY".equals(digest.every()));
        model.put("weeklyChecked", digest != null && !"DAY".equals(digest.every()));
        model.put("capMax", cap == null || cap.max() == null ? "1" : String.valueOf(cap.max()));
        model.put("perOptions", CentreView.options(List.of("DAY", "WEEK", "MONTH"),
                cap == null || cap.per() == null ? "WEEK" : cap.per(), v -> texts.get("per_" + v)));
        model.put("dayOptions", CentreView.options(CentreView.DAYS,
                digest == null || digest.on() == null ? "SATURDAY" : digest.on(), v -> texts.get("day_" + v)));
        model.put("digestAt", digest == null || digest.at() == null ? "09:00" : digest.at());
        return model;
    }

    /** @param current the customer's current choice for the topic; null when they made none */
    private record Unsubscription(Topic topic, Channel channel, Locale language, boolean expired,
                                  PreferencesForm.TopicChoice current) {
    }

    private Unsubscription unsubscription(Link link, HttpServletRequest request) {
        LinkClaims claims = link.claims;
        Optional<Topic> topic = claims.topic() == null ? Optional.empty() : pages.topic(claims.topic());
        Channel channel = channel(claims.channel());
        if (topic.isEmpty() || channel == null) {
            return null;
        }
        Optional<CustomerPreferences> stored = pages.preferences(claims.subject());
        Locale language = stored.map(p -> PageRenderer.language(p.document().locale().toLanguageTag()))
                .orElseGet(() -> PageRenderer.language(request.getLocale().toLanguageTag()));
        PreferencesForm.TopicChoice current = stored.map(p -> PreferencesForm.of(p.document()).topics().get(topic.get().id()))
                .orElse(null);
        return new Unsubscription(topic.get(), channel, language, link.expired, current);
    }

    // ---- Double opt-in confirmation --------------------------------------------------------------------

    @GetMapping("/c/{token}")
    ResponseEntity<String> confirmPage(@PathVariable String token, HttpServletRequest request) {
        Link link = verify(token, LinkPurpose.CONFIRM, "confirm");
        if (link.refusal != null) {
            return link.refusal;
        }
        Channel channel = channel(link.claims.channel());
        if (channel == null || link.claims.topic() == null) {
            return invalid("confirm", "UNUSABLE_CLAIMS");
        }
        Locale language = languageOf(link.claims.subject(), request);
        Texts texts = PageRenderer.texts(language);
        Map<String, Object> model = new HashMap<>();
        model.put("title", texts.get("confirm_title"));
        model.put("token", token);
        model.put("notice", confirmNotice(texts, link.claims.topic(), channel));
        return html(HttpStatus.OK, renderer.render("confirm", language, model));
    }

    @PostMapping("/c/{token}")
    ResponseEntity<String> confirm(@PathVariable String token, HttpServletRequest request) {
        Link link = verify(token, LinkPurpose.CONFIRM, "confirm-submit");
        if (link.refusal != null) {
            return link.refusal;
        }
        Channel channel = channel(link.claims.channel());
        if (channel == null || link.claims.topic() == null) {
            return invalid("confirm", "UNUSABLE_CLAIMS");
        }
        Locale language = languageOf(link.claims.subject(), request);
        Texts texts = PageRenderer.texts(language);
        pages.confirm(link.claims.subject(), channel, link.claims.topic(), link.claims.nonce(),
                evidence("CONFIRMATION_LINK", "confirmation-page", confirmNotice(texts, link.claims.topic(), channel),
                        language, null, request));
        return message(HttpStatus.OK, language, "confirmed_title", texts.get("confirmed_text"));
    }

    private static String confirmNotice(Texts texts, String purpose, Channel channel) {
        return texts.format("confirm_notice", purpose, texts.get("channel_" + channel.name()));
    }

    // ---- A new email address or phone number, confirmed from the message sent to it ---------------------

    @GetMapping("/a/{token}")
    ResponseEntity<String> contactPage(@PathVariable String token, HttpServletRequest request) {
        Link link = verify(token, LinkPurpose.CONTACT_CHANGE, "contact");
        if (link.refusal != null) {
            return link.refusal;
        }
        Channel channel = channel(link.claims.channel());
        if (channel == null || link.claims.nonce() == null) {
            return invalid("contact", "UNUSABLE_CLAIMS");
        }
        Locale language = languageOf(link.claims.subject(), request);
        Texts texts = PageRenderer.texts(language);
        // A GET changes nothing: mail scanners follow links, and only the person's own click confirms.
        Map<String, Object> model = new HashMap<>();
        model.put("title", texts.get("contact_title"));
        model.put("token", token);
        model.put("notice", texts.get("contact_notice_" + channel.name()));
        return html(HttpStatus.OK, renderer.render("contact", language, model));
    }

    @PostMapping("/a/{token}")
    ResponseEntity<String> confirmContact(@PathVariable String token, HttpServletRequest request) {
        Link link = verify(token, LinkPurpose.CONTACT_CHANGE, "contact-submit");
        if (link.refusal != null) {
            return link.refusal;
        }
        if (channel(link.claims.channel()) == null || link.claims.nonce() == null) {
            return invalid("contact", "UNUSABLE_CLAIMS");
        }
        Locale language = languageOf(link.claims.subject(), request);
        if (!pages.confirmContactChange(link.claims.subject(), link.claims.nonce())) {
            meters.counter("kairos.preferences.link.failures", "reason", "CONTACT_CHANGE_UNUSABLE").increment();
            return message(HttpStatus.GONE, language, "contact_unusable_title", "contact_unusable_text");
        }
        return message(HttpStatus.OK, language, "confirmed_title", "contact_confirmed_text");
    }

    // ---- Shared ----------------------------------------------------------------------------------------

    /** A verified link, an expired but authentic one, or the page that refuses it. */
    private record Link(LinkClaims claims, boolean expired, ResponseEntity<String> refusal) {
    }

    private Link verify(String token, LinkPurpose purpose, String page) {
        meters.counter("kairos.preferences.page.views", "page", page).increment();
        LinkCheck check = links.verify(token);
        if (check instanceof LinkCheck.Invalid invalid) {
            return new Link(null, false, invalid(page, invalid.reason().name()));
        }
        boolean expired = check instanceof LinkCheck.Expired;
        LinkClaims claims = expired ? ((LinkCheck.Expired) check).claims() : ((LinkCheck.Valid) check).claims();
        if (claims.purpose() != purpose) {
            return new Link(null, false, invalid(page, "WRONG_PAGE"));
        }
        if (expired && purpose != LinkPurpose.UNSUBSCRIBE) {
            meters.counter("kairos.preferences.link.failures", "reason", "EXPIRED").increment();
            return new Link(null, false, bilingual(HttpStatus.GONE, "expired_title", "expired_text"));
        }
        return new Link(claims, expired, null);
    }

    /** Says nothing about whom the link was for: a refused link shows no customer data. */
    private ResponseEntity<String> invalid(String page, String reason) {
        meters.counter("kairos.preferences.link.failures", "reason", reason).increment();
        return bilingual(HttpStatus.BAD_REQUEST, "invalid_title", "invalid_text");
    }

    /** The customer is unknown here, so the page speaks both languages. */
    private ResponseEntity<String> bilingual(HttpStatus status, String titleKey, String textKey) {
        Texts english = PageRenderer.texts(PageRenderer.ENGLISH);
        Texts french = PageRenderer.texts(PageRenderer.FRENCH);
        Map<String, Object> model = Map.of("title", english.get(titleKey) + " / " + french.get(titleKey),
                "sections", List.of(
                        Map.of("lang", "en", "heading", english.get(titleKey), "text", english.get(textKey)),
                        Map.of("lang", "fr", "heading", french.get(titleKey), "text", french.get(textKey))));
        return html(status, renderer.render("bilingual", PageRenderer.ENGLISH, model));
    }

    private ResponseEntity<String> message(HttpStatus status, Locale language, String titleKey, String textOrKey) {
        Texts texts = PageRenderer.texts(language);
        String text = texts.all().getOrDefault(textOrKey, textOrKey);
        return html(status, renderer.render("message", language,
                Map.of("title", texts.get(titleKey), "text", text)));
    }

    private Locale languageOf(String customerId, HttpServletRequest request) {
        return pages.preferences(customerId)
                .map(p -> PageRenderer.language(p.document().locale().toLanguageTag()))
                .orElseGet(() -> PageRenderer.language(request.getLocale().toLanguageTag()));
    }

    /** @param language the page's, in which the notice was shown ({@code null} with no notice: a one-click POST) */
    private static Evidence evidence(String source, String collectionPoint, String notice, Locale language,
            String rawInput, HttpServletRequest request) {
        return new Evidence(source, collectionPoint, notice, notice == null ? null : NOTICE_VERSION,
                notice == null ? null : language.toLanguageTag(), request.getRemoteAddr(),
                request.getHeader(HttpHeaders.USER_AGENT), rawInput);
    }

    private static Channel channel(String name) {
        for (Channel channel : Channel.values()) {
            if (channel.name().equals(name)) {
                return channel;
            }
        }
        return null;
    }

    private static long parseVersion(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Tokens ride in the address, so no page is cached or sends a Referer that would carry one away. */
    private static ResponseEntity<String> html(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(HTML).cacheControl(CacheControl.noStore())
                .header("Referrer-Policy", "no-referrer")
                .body(body);
    }
}
