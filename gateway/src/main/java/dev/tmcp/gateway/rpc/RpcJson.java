package dev.tmcp.gateway.rpc;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** JSON of the bridge: decimals are read as BigDecimal, so amounts pass through exactly ({@code 5000.00}). */
final class RpcJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private RpcJson() {
    }
}
