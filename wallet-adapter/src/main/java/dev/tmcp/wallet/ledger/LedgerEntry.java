package dev.tmcp.wallet.ledger;

import java.util.List;

/** A balanced ledger transaction as recorded. */
public record LedgerEntry(String txnId, String kind, String reference, String currency, long amountMinor,
        List<Posting> postings) {
}
