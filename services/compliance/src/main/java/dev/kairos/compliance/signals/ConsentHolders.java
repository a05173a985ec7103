package dev.kairos.compliance.signals;

import dev.kairos.compliance.addresses.Channel;
import java.util.List;

/** Customers whose current consent on a channel was given for an address. */
public interface ConsentHolders {

    /** In id order. */
    List<String> customers(String addressHmac, Channel channel);
}
