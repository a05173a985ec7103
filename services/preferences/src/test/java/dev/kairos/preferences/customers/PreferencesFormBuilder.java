package dev.kairos.preferences.customers;

import dev.kairos.preferences.customers.PreferencesForm.Cap;
import dev.kairos.preferences.customers.PreferencesForm.ContactPoints;
import dev.kairos.preferences.customers.PreferencesForm.Digest;
import dev.kairos.preferences.customers.PreferencesForm.FormOfAddress;
import dev.kairos.preferences.customers.PreferencesForm.PostalAddress;
import dev.kairos.preferences.customers.PreferencesForm.QuietHours;
import dev.kairos.preferences.customers.PreferencesForm.SendWindow;
import dev.kairos.preferences.customers.PreferencesForm.TopicChoice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test data: the document of the API description (Camille Durand), changed field by field. */
public final class PreferencesFormBuilder {

    private String locale = "fr-FR";
    private String timeZone = "Europe/Paris";
    private String jurisdiction = "FR";
    private FormOfAddress formOfAddress = new FormOfAddress("NONE", "Camille", "Durand");
    private String email = "camille.durand@example.fr";
    private String sms = "+33612345678";
    private PostalAddress postal = new PostalAddress("Camille Durand", List.of("12 rue des Lilas"), "75011", "Paris",
            "FR", null);
    private List<String> channelPriority = List.of("SMS", "EMAIL", "MAIL");
    private List<QuietHours> quietHours = new ArrayList<>(List.of(new QuietHours("21:00", "08:00", List.of("SMS"))));
    private List<SendWindow> sendWindows = new ArrayList<>(
            List.of(new SendWindow(List.of("SATURDAY", "SUNDAY"), "10:00", "12:00")));
    private final Map<String, TopicChoice> topics = new LinkedHashMap<>();
    private Cap overallCap = new Cap(3, "WEEK");
    private String pausedUntil;

    private PreferencesFormBuilder() {
        topics.put("promotions", new TopicChoice(List.of("EMAIL"), new Cap(1, "WEEK"), null));
        topics.put("newsletter", new TopicChoice(List.of("EMAIL"), null, new Digest("WEEK", "SATURDAY", "09:00")));
        topics.put("billing", new TopicChoice(List.of("SMS", "EMAIL"), null, null));
    }

    public static PreferencesFormBuilder camille() {
        return new PreferencesFormBuilder();
    }

    public PreferencesFormBuilder locale(String locale) {
        this.locale = locale;
        return this;
    }

    public PreferencesFormBuilder timeZone(String timeZone) {
        this.timeZone = timeZone;
        return this;
    }

    public PreferencesFormBuilder jurisdiction(String jurisdiction) {
        this.jurisdiction = jurisdiction;
        return this;
    }

    public PreferencesFormBuilder title(String title) {
        this.formOfAddress = new FormOfAddress(title, formOfAddress.givenName(), formOfAddress.familyName());
        return this;
    }

    public PreferencesFormBuilder email(String email) {
        this.email = email;
        return this;
    }

    public PreferencesFormBuilder sms(String sms) {
        this.sms = sms;
        return this;
    }

    public PreferencesFormBuilder postal(PostalAddress postal) {
        this.postal = postal;
        return this;
    }

    public PreferencesFormBuilder channelPriority(String... channels) {
        this.channelPriority = List.of(channels);
        return this;
    }

    public PreferencesFormBuilder quietHours(String from, String to, String... channels) {
        this.quietHours = List.of(new QuietHours(from, to, List.of(channels)));
        return this;
    }

    public PreferencesFormBuilder quietHours(List<QuietHours> quietHours) {
        this.quietHours = quietHours;
        return this;
    }

    public PreferencesFormBuilder sendWindows(List<SendWindow> sendWindows) {
        this.sendWindows = sendWindows;
        return this;
    }

    public PreferencesFormBuilder sendWindow(String from, String to, String... days) {
        this.sendWindows = List.of(new SendWindow(List.of(days), from, to));
        return this;
    }

    public PreferencesFormBuilder topic(String topicId, TopicChoice choice) {
        topics.put(topicId, choice);
        return this;
    }

    public PreferencesFormBuilder withoutTopics() {
        topics.clear();
        return this;
    }

    public PreferencesFormBuilder overallCap(Integer max, String per) {
        this.overallCap = new Cap(max, per);
        return this;
    }

    public PreferencesFormBuilder withoutOverallCap() {
        this.overallCap = null;
        return this;
    }

    public PreferencesFormBuilder pausedUntil(String pausedUntil) {
        this.pausedUntil = pausedUntil;
        return this;
    }

    public PreferencesForm build() {
        return new PreferencesForm(locale, timeZone, jurisdiction, formOfAddress, new ContactPoints(email, sms, postal),
                channelPriority, quietHours, sendWindows, new LinkedHashMap<>(topics), overallCap, pausedUntil);
    }
}
