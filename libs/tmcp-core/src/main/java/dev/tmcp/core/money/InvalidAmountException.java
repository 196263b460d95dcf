package dev.tmcp.core.money;

/** A client-supplied amount or currency that cannot be accepted. */
public class InvalidAmountException extends IllegalArgumentException {

    public InvalidAmountException(String message) {
        super(message);
    }
}
