package dev.kairos.platform.smsc;

import dev.kairos.platform.sms.SmsAddress;
import dev.kairos.platform.sms.SmsText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.ServerResponseDeliveryAdapter;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMSC (on 127.0.0.1 unless told another address) that speaks SMPP 3.4 to whoever binds with its system id and password (transceiver,
 * transmitter or receiver). It acknowledges each submit_sm with a fresh message id, reassembles long texts from
 * their concatenation headers, and, when the submit asks for one, sends a delivery receipt (deliver_sm with
 * esm_class "SMSC delivery receipt", the id in the text and in {@code receipted_message_id}): DELIVRD, or
 * UNDELIV for a number set to fail. A handset's text goes to a bound receiver as deliver_sm carrying its own
 * id in {@code receipted_message_id}, as SMSCs that number their mobile-originated texts do.
 *
 * <p>With a conversations folder, each handset's texts both ways are appended to {@code <number>.txt} there.
 */
public final class SmscSimulator implements AutoCloseable {

    /** A whole text as the handset sees it. */
    public record Text(String smscMessageId, String from, String to, String text, int parts, Instant at) {
    }

    private static final Logger log = LoggerFactory.getLogger(SmscSimulator.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int RECEIPT_TRIES = 20;
    private static final Duration RECEIPT_RETRY = Duration.ofMillis(250);

    private final String systemId;
    private final String password;
    private final Path conversations;
    private final ServerSocket socket;
    private final SMPPServerSessionListener listener;
    private final ExecutorService workers = Executors.newCachedThreadPool(daemons());
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private final List<Text> delivered = new CopyOnWriteArrayList<>();
    private final Map<String, TreeMap<Integer, String>> partsOfLongTexts = new ConcurrentHashMap<>();
    private final Map<String, Runnable> receiptsAfterResponse = new ConcurrentHashMap<>();
    private final Map<String, Text> handsetTexts = new ConcurrentHashMap<>();
    private final Map<String, String> lastSenderTo = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final AtomicInteger binds = new AtomicInteger();
    private volatile boolean open = true;

    private SmscSimulator(InetAddress address, int port, String systemId, String password, Path conversations)
            throws IOException {
        this.systemId = systemId;
        this.password = password;
        this.conversations = conversations == null ? null : Files.createDirectories(conversations);
        this.socket = new ServerSocket(port, 50, address);
        this.listener = new SMPPServerSessionListener(port, new ListeningOn(socket));
        Receiving receiving = new Receiving();
        listener.setMessageReceiverListener(receiving);
        listener.setResponseDeliveryListener(receiving);
        workers.execute(this::acceptSessions);
    }

    /**
     * Starts listening on 127.0.0.1.
     *
     * @param port          0 for any free port
     * @param conversations where each handset's conversation is kept; null keeps none
     */
    public static SmscSimulator start(int port, String systemId, String password, Path conversations) {
        return start(InetAddress.getLoopbackAddress(), port, systemId, password, conversations);
    }

    /**
     * Starts listening on the given address: the wildcard address when it runs alone in a container
     * ({@link SmscMain}), so that other containers reach it.
     */
    public static SmscSimulator start(InetAddress address, int port, String systemId, String password, Path conversations) {
        try {
            return new SmscSimulator(address, port, systemId, password, conversations);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** How many binds it has accepted since it started. */
    public int binds() {
        return binds.get();
    }

    /** Whether a client is bound that can receive (transceiver or receiver). */
    public boolean hasReceiver() {
        return receiver() != null;
    }

    /** Every text handed to a handset so far, whole, in the order they were completed. */
    public List<Text> delivered() {
        return List.copyOf(delivered);
    }

    /** The texts handed to one handset, whole. */
    public List<Text> deliveredTo(String number) {
        return delivered.stream().filter(t -> t.to().equals(number)).toList();
    }

    /** Closes every bound session, as an SMSC restart or a broken link would; clients are expected to bind again. */
    public void dropBinds() {
        sessions.forEach(SMPPServerSession::close);
    }

    /** Receipts for texts to this number say UNDELIV from now on. */
    public void failDeliveriesTo(String number) {
        failing.add(number);
    }

    /** A handset answers the last sender that texted it. */
    public String sendFromHandset(String number, String text) {
        String to = lastSenderTo.get(number);
        if (to == null) {
            throw new IllegalStateException(number + " has received no text to answer");
        }
        return sendFromHandset(number, to, text);
    }

    /**
     * A handset sends a text: deliver_sm to a bound receiver, which must accept it.
     *
     * @return the SMSC's id for it (also in {@code receipted_message_id})
     * @throws IllegalStateException when no receiver is bound or it did not accept the text
     */
    public String sendFromHandset(String number, String to, String text) {
        String id = newId();
        Text mobileOriginated = new Text(id, number, to, text, 1, Instant.now());
        handsetTexts.put(id, mobileOriginated);
        deliverFromHandset(mobileOriginated);
        keep(number, mobileOriginated);
        return id;
    }

    /** Delivers a handset's text again, with the same id, as an SMSC does when it saw no response. */
    public void redeliver(String smscMessageId) {
        Text text = handsetTexts.get(smscMessageId);
        if (text == null) {
            throw new IllegalArgumentException("no handset text " + smscMessageId);
        }
        deliverFromHandset(text);
    }

    private void deliverFromHandset(Text text) {
        SMPPServerSession session = receiver();
        if (session == null) {
            throw new IllegalStateException("no client is bound to receive texts");
        }
        SmsText.Encoded encoded = SmsText.encode(text.text(), RANDOM.nextInt());
        SmsAddress from = SmsAddress.of(text.from());
        SmsAddress to = SmsAddress.of(text.to());
        ESMClass esm = new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT,
                encoded.concatenated() ? GSMSpecificFeature.UDHI : GSMSpecificFeature.DEFAULT);
        try {
            for (byte[] part : encoded.parts()) {
                session.deliverShortMessage("", TypeOfNumber.valueOf(from.typeOfNumber()),
                        NumberingPlanIndicator.valueOf(from.numberingPlan()), from.value(),
                        TypeOfNumber.valueOf(to.typeOfNumber()), NumberingPlanIndicator.valueOf(to.numberingPlan()),
                        to.value(), esm, (byte) 0, (byte) 0, new RegisteredDelivery(0),
                        DataCodings.newInstance(encoded.alphabet().dataCoding()), part,
                        new OptionalParameter.Receipted_message_id(text.smscMessageId()));
            }
        } catch (Exception e) {
            throw new IllegalStateException("the client did not accept the text: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        open = false;
        sessions.forEach(SMPPServerSession::unbindAndClose);
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        workers.shutdownNow();
    }

    private void acceptSessions() {
        while (open) {
            try {
                SMPPServerSession session = listener.accept();
                workers.execute(() -> awaitBind(session));
            } catch (IOException e) {
                if (open) {
                    log.warn("SMSC simulator: accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private void awaitBind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(5_000);
            if (!systemId.equals(request.getSystemId()) || !password.equals(request.getPassword())) {
                request.reject(SMPPConstant.STAT_ESME_RINVPASWD);
                return;
            }
            request.accept("kairos-smsc");
            session.addSessionStateListener((now, before, source) -> {
                if (now == SessionState.CLOSED) {
                    sessions.remove(session);
                }
            });
            sessions.add(session);
            binds.incrementAndGet();
        } catch (Exception e) {
            log.info("SMSC simulator: no bind from {}: {}", session.getSessionId(), e.getMessage());
            session.close();
        }
    }

    private SMPPServerSession receiver() {
        return sessions.stream().filter(s -> s.getSessionState().isReceivable()).findFirst().orElse(null);
    }

    private SubmitSmResult submitted(SubmitSm submit) throws ProcessRequestException {
        String id = newId();
        String to = SmsAddress.toKairos(submit.getDestAddrTon(), submit.getDestAddress());
        String from = SmsAddress.toKairos(submit.getSourceAddrTon(), submit.getSourceAddr());
        SmsText.Part part = SmsText.decode(submit.getDataCoding(), submit.getShortMessage(), submit.isUdhi());
        if (part.concatenation() == null) {
            handedToHandset(new Text(id, from, to, part.text(), 1, Instant.now()));
        } else {
            collect(id, from, to, part);
        }
        if ((submit.getRegisteredDelivery() & 0x03) != 0) {
            String firstWords = part.text().length() > 20 ? part.text().substring(0, 20) : part.text();
            receiptsAfterResponse.put(id, () -> sendReceipt(id, to, from, firstWords));
        }
        try {
            return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
        } catch (PDUStringException e) {
            throw new ProcessRequestException("bad message id", SMPPConstant.STAT_ESME_RSYSERR);
        }
    }

    private void collect(String id, String from, String to, SmsText.Part part) {
        SmsText.Concatenation c = part.concatenation();
        String key = from + "|" + to + "|" + c.reference() + "|" + c.total();
        TreeMap<Integer, String> parts = partsOfLongTexts.computeIfAbsent(key, k -> new TreeMap<>());
        synchronized (parts) {
            parts.put(c.sequence(), part.text());
            if (parts.size() == c.total() && partsOfLongTexts.remove(key, parts)) {
                handedToHandset(new Text(id, from, to, String.join("", parts.values()), c.total(), Instant.now()));
            }
        }
    }

    private void handedToHandset(Text text) {
        delivered.add(text);
        lastSenderTo.put(text.to(), text.from());
        keep(text.to(), text);
    }

    private void sendReceipt(String id, String handset, String sender, String firstWords) {
        boolean failed = failing.contains(handset);
        DeliveryReceiptState state = failed ? DeliveryReceiptState.UNDELIV : DeliveryReceiptState.DELIVRD;
        Date now = new Date();
        String receipt = new DeliveryReceipt(id, 1, failed ? 0 : 1, now, now, state, failed ? "001" : "000",
                firstWords).toString();
        SmsAddress from = SmsAddress.of(handset);
        SmsAddress to = SmsAddress.of(sender);
        OptionalParameter.Message_state.Message_state_enum messageState = failed
                ? OptionalParameter.Message_state.Message_state_enum.UNDELIVERABLE
                : OptionalParameter.Message_state.Message_state_enum.DELIVERED;
        for (int attempt = 1; open && attempt <= RECEIPT_TRIES; attempt++) {
            SMPPServerSession session = receiver();
            try {
                if (session != null) {
                    session.deliverShortMessage("", TypeOfNumber.valueOf(from.typeOfNumber()),
                            NumberingPlanIndicator.valueOf(from.numberingPlan()), from.value(),
                            TypeOfNumber.valueOf(to.typeOfNumber()), NumberingPlanIndicator.valueOf(to.numberingPlan()),
                            to.value(), new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT,
                                    GSMSpecificFeature.DEFAULT), (byte) 0, (byte) 0, new RegisteredDelivery(0),
                            DataCodings.ZERO, receipt.getBytes(StandardCharsets.US_ASCII),
                            new OptionalParameter.Receipted_message_id(id),
                            new OptionalParameter.Message_state(messageState.byteValue()));
                    return;
                }
            } catch (Exception e) {
                log.info("SMSC simulator: receipt {} not taken ({}), try {}", id, e.getMessage(), attempt);
            }
            pause(RECEIPT_RETRY);
        }
        log.warn("SMSC simulator: gave up the receipt of {}", id);
    }

    /** Appends one text to the handset's conversation file. */
    private void keep(String handset, Text text) {
        if (conversations == null) {
            return;
        }
        String line = "%s  %s -> %s  %s%n".formatted(text.at().truncatedTo(ChronoUnit.SECONDS), text.from(), text.to(),
                text.text().replace("\n", "\n    "));
        Path file = conversations.resolve(handset.replaceAll("[^+0-9A-Za-z_-]", "_") + ".txt");
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.warn("SMSC simulator: cannot write {}: {}", file, e.getMessage());
        }
    }

    private static String newId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemons() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "smsc-simulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Hands jSMPP the socket opened on the loopback interface (its own factory listens on every interface). */
    private record ListeningOn(ServerSocket socket) implements ServerConnectionFactory {

        @Override
        public ServerConnection listen(int port) {
            return new ServerSocketConnection(socket);
        }

        @Override
        public ServerConnection listen(int port, int timeout) {
            return new ServerSocketConnection(socket);
        }

        @Override
        public ServerConnection listen(int port, int timeout, int backlog) {
            return new ServerSocketConnection(socket);
        }
    }

    /** jSMPP's callbacks: submit_sm is taken, the rest refused; a receipt goes once its submit_sm_resp has. */
    private final class Receiving extends ServerResponseDeliveryAdapter implements ServerMessageReceiverListener {

        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source)
                throws ProcessRequestException {
            return submitted(submitSm);
        }

        @Override
        public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession source) {
            Runnable receipt = receiptsAfterResponse.remove(result.getMessageId());
            if (receipt != null && open) {
                workers.execute(receipt);
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
                throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source)
                throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancel, SMPPServerSession source)
                throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm query, SMPPServerSession source)
                throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw unsupported();
        }

        private ProcessRequestException unsupported() {
            return new ProcessRequestException("not supported by the simulator", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }
}
