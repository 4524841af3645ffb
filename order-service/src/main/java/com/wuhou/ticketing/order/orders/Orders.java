package com.wuhou.ticketing.order.orders;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import com.baomidou.mybatisplus.core.conditions.update.UpdateWrapper;
import com.wuhou.ticketing.inventory.api.HoldErrors;
import com.wuhou.ticketing.order.OrderErrorCode;
import com.wuhou.ticketing.order.OrderProperties;
import com.wuhou.ticketing.order.api.IdDocument;
import com.wuhou.ticketing.order.api.Museum;
import com.wuhou.ticketing.order.inventory.Inventory;
import com.wuhou.ticketing.platform.problem.ApiException;
import com.wuhou.ticketing.platform.problem.CommonErrorCode;
import com.wuhou.ticketing.platform.problem.Problems;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Creating and reading orders of the own online channel. */
@Service
public class Orders {

    static final String CHANNEL = "WEB";

    private final OrderMapper orders;
    private final PaymentMapper payments;
    private final OrderTransactions transactions;
    private final Booking booking;
    private final Inventory inventory;
    private final OrderProperties properties;
    private final VisitorKeys keys;
    private final OrderTokens tokens;
    private final Clock clock;

    Orders(
            OrderMapper orders,
            PaymentMapper payments,
            OrderTransactions transactions,
            Booking booking,
            Inventory inventory,
            OrderProperties properties,
            VisitorKeys keys,
            OrderTokens tokens,
            Clock clock) {
        this.orders = orders;
        this.payments = payments;
        this.transactions = transactions;
        this.booking = booking;
        this.inventory = inventory;
        this.properties = properties;
        this.keys = keys;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * Validates the visitors, holds their places and writes the order, or answers why not.
     *
     * @param reservedId the id kept for this request's idempotency key: the order number is made from
     *     it, so a retry after a crash finds the order its first attempt made
     */
    public OrderView create(CreateOrderRequest request, String reservedId) {
        List<IdDocument> documents = validate(request);
        String orderNo = "WH" + reservedId.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
        OrderDO existing = orders.selectById(orderNo);
        if (existing != null) {
            return view(existing, transactions.ticketsOf(orderNo), List.of(), reissuedToken(orderNo));
        }
        inventory.refuseIfRecentlySoldOut(request.sessionId(), documents.size());
        String token = tokens.tokenOf(orderNo);
        OrderDO order = new OrderDO();
        order.orderNo = orderNo;
        order.channel = CHANNEL;
        order.sessionId = request.sessionId();
        order.contactPhone = request.contactPhone();
        // Milliseconds: what MySQL keeps, so the first answer and every later read agree.
        order.payDeadline =
                LocalDateTime.now(clock).plus(properties.payTimeout()).truncatedTo(ChronoUnit.MILLIS);
        order.tokenHash = OrderTokens.hash(token);
        order.holdRef = orderNo;
        byte[] key = keys.key();
        List<TicketDO> rows = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            CreateOrderRequest.Visitor visitor = request.visitors().get(i);
            IdDocument document = documents.get(i);
            TicketDO row = new TicketDO();
            row.ticketId = orderNo + "-" + (i + 1);
            row.orderNo = orderNo;
            row.ticketType = visitor.ticketType();
            row.visitorName = visitor.name().strip();
            row.idType = document.type().name();
            row.idMasked = document.masked();
            row.idHash = document.hash(key);
            row.document = document;
            rows.add(row);
        }
        try {
            booking.create(order, rows);
        } catch (ApiException e) {
            if (e.errorCode().code().equals(HoldErrors.DAILY_LIMIT_REACHED)) {
                // Often the buyer's own first order, whose answer was lost: say how to find it.
                throw new ApiException(
                        e.errorCode(),
                        "A visitor in this order already holds a ticket for that day. If it is in an order of"
                                + " yours whose answer was lost, POST " + OrderRecoveryController.PATH
                                + " with that visitor's idType and idNo and the order's contact phone: the"
                                + " answer is the order with its order token",
                        Map.of("recovery", OrderRecoveryController.PATH));
            }
            throw e;
        }
        return view(order, rows, List.of(), token);
    }

    /** The token of an order made now (derived, so an answer can be given again without storing it). */
    public String tokenOf(String orderNo) {
        return tokens.tokenOf(orderNo);
    }

    /**
     * The token of an existing order, given again (a replayed answer, a recovery). An order made
     * before order tokens had a key of their own gets its stored hash moved to this token, so the
     * answer opens it and the token derivable from the visitor key no longer does.
     */
    String reissuedToken(String orderNo) {
        String token = tokens.tokenOf(orderNo);
        String hash = OrderTokens.hash(token);
        orders.update(
                null,
                new UpdateWrapper<OrderDO>()
                        .eq("order_no", orderNo)
                        .ne("token_hash", hash)
                        .set("token_hash", hash));
        return token;
    }

    /** The order, if the token is its own; otherwise (or when there is no such order) a 404. */
    public OrderDO authorized(String orderNo, String token) {
        OrderDO order = orderNo.length() > 40 ? null : orders.selectById(orderNo);
        if (order == null || !OrderTokens.matches(token, order.tokenHash)) {
            throw new ApiException(OrderErrorCode.ORDER_NOT_FOUND, "No order " + orderNo + " for this order token");
        }
        return order;
    }

    /** A paid order as recovery shows it: status, slot and masked visitors, no token and no QR credentials. */
    OrderView summary(OrderDO order) {
        OrderView full = view(order, transactions.ticketsOf(order.orderNo), List.of(), null);
        return new OrderView(
                full.orderNo(),
                full.status(),
                full.sessionId(),
                full.visitDate(),
                full.startTime(),
                full.endTime(),
                full.contactPhone(),
                full.totalFen(),
                full.payDeadline(),
                null,
                full.tickets().stream()
                        .map(t -> new OrderView.TicketView(
                                t.ticketId(),
                                t.ticketType(),
                                t.priceFen(),
                                t.visitorName(),
                                t.idType(),
                                t.idNo(),
                                t.status(),
                                null))
                        .toList(),
                List.of());
    }

    public OrderView find(String orderNo, String token) {
        OrderDO order = authorized(orderNo, token);
        List<PaymentDO> attempts = payments.selectList(
                new QueryWrapper<PaymentDO>().eq("order_no", orderNo).orderByAsc("created_at"));
        return view(order, transactions.ticketsOf(orderNo), attempts, null);
    }

    public Optional<OrderDO> find(String orderNo) {
        return Optional.ofNullable(orders.selectById(orderNo));
    }

    private List<IdDocument> validate(CreateOrderRequest request) {
        List<Problems.FieldError> errors = new ArrayList<>();
        List<CreateOrderRequest.Visitor> visitors = request.visitors();
        if (visitors.size() > properties.maxVisitors()) {
            errors.add(new Problems.FieldError(
                    "visitors", "at most " + properties.maxVisitors() + " visitors in one order"));
        }
        LocalDate today = LocalDate.now(clock.withZone(Museum.ZONE));
        Map<IdDocument, Integer> seen = new HashMap<>();
        List<IdDocument> documents = new ArrayList<>();
        for (int i = 0; i < visitors.size(); i++) {
            CreateOrderRequest.Visitor visitor = visitors.get(i);
            IdDocument document = new IdDocument(IdDocument.Type.valueOf(visitor.idType()), visitor.idNo());
            String field = "visitors[" + i + "].idNo";
            document.problem(today).ifPresent(problem -> errors.add(new Problems.FieldError(field, problem)));
            Integer first = seen.putIfAbsent(document, i);
            if (first != null) {
                errors.add(new Problems.FieldError(field, "the same document as visitors[" + first + "]"));
            }
            documents.add(document);
        }
        if (!errors.isEmpty()) {
            throw new ApiException(
                    CommonErrorCode.VALIDATION_FAILED,
                    "One or more fields are invalid",
                    Map.of(Problems.ERRORS, errors));
        }
        return documents;
    }

    static OrderView view(OrderDO order, List<TicketDO> tickets, List<PaymentDO> payments, String token) {
        return new OrderView(
                order.orderNo,
                order.status.name(),
                order.sessionId,
                order.visitDate,
                order.startTime,
                order.endTime,
                maskPhone(order.contactPhone),
                order.totalFen,
                order.payDeadline
                        .atOffset(ZoneOffset.UTC)
                        .atZoneSameInstant(Museum.ZONE)
                        .toOffsetDateTime(),
                token,
                tickets.stream()
                        .map(t -> new OrderView.TicketView(
                                t.ticketId,
                                t.ticketType,
                                t.priceFen,
                                maskName(t.visitorName),
                                t.idType,
                                t.idMasked,
                                t.status.name(),
                                t.credential))
                        .toList(),
                payments.stream()
                        .map(p -> new OrderView.PaymentSummary(p.paymentId, p.method, p.amountFen, p.status.name()))
                        .toList());
    }

    private static String maskPhone(String phone) {
        return phone.length() < 7 ? "****" : phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }

    /** 张三丰 → 张**; a one-character name is shown as *. */
    static String maskName(String name) {
        int first = name.offsetByCodePoints(0, 1);
        int rest = name.codePointCount(first, name.length());
        return rest == 0 ? "*" : name.substring(0, first) + "*".repeat(rest);
    }
}
