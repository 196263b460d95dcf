/** JSON-RPC error codes of decision 0051: the host's own refusals, and a service's (-32000). */
export const RpcCode = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  SERVICE_ERROR: -32000,
  USER_CANCELLED: -32001,
  HOST_RATE_LIMITED: -32002,
} as const;

/** Codes a retry of the same call may cure (the Retry column of 12.2, and the host's rate limit). */
const RETRYABLE: ReadonlySet<string> = new Set([
  'PAYMENT_FAILED',
  'RATE_LIMIT_EXCEEDED',
  'INVALID_MFA_CREDENTIALS',
  'HOST_RATE_LIMITED',
]);

const CODE_OF_RPC: Readonly<Record<number, string>> = {
  [RpcCode.PARSE_ERROR]: 'INVALID_REQUEST',
  [RpcCode.INVALID_REQUEST]: 'INVALID_REQUEST',
  [RpcCode.METHOD_NOT_FOUND]: 'METHOD_NOT_FOUND',
  [RpcCode.INVALID_PARAMS]: 'INVALID_PARAMS',
  [RpcCode.INTERNAL_ERROR]: 'INTERNAL_ERROR',
  [RpcCode.USER_CANCELLED]: 'USER_CANCELLED',
  [RpcCode.HOST_RATE_LIMITED]: 'HOST_RATE_LIMITED',
};

/** The `error` member of a JSON-RPC 2.0 response. */
export interface RpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

/**
 * A refusal: a 12.2 code of a service (`INSUFFICIENT_FUNDS`, ...), or one of the host's
 * (`USER_CANCELLED`, `HOST_RATE_LIMITED`, `METHOD_NOT_FOUND`, `INVALID_PARAMS`) or the SDK's
 * (`TIMEOUT`). `rpcCode` is the JSON-RPC code it came with (0 for a timeout).
 */
export class TweenError extends Error {
  readonly code: string;
  readonly rpcCode: number;
  readonly details: Record<string, unknown> | undefined;
  readonly retryable: boolean;

  constructor(code: string, message: string, rpcCode: number, details?: Record<string, unknown>) {
    super(message);
    this.name = 'TweenError';
    this.code = code;
    this.rpcCode = rpcCode;
    this.details = details;
    this.retryable = RETRYABLE.has(code);
  }

  /** The error a JSON-RPC error object stands for: the 12.1 body in `data` names the code. */
  static fromRpc(error: RpcErrorObject): TweenError {
    const body = errorBody(error.data);
    const code = body?.code ?? CODE_OF_RPC[error.code] ?? 'UNKNOWN_ERROR';
    return new TweenError(code, body?.message ?? error.message, error.code, body?.details);
  }
}

interface ErrorBody {
  code: string;
  message: string | undefined;
  details: Record<string, unknown> | undefined;
}

/**
 * The 12.1 error in `data`: the gateway puts the `error` object itself there (`{code, message,
 * details}`); a whole 12.1 body (`{error: {...}}`) is read too.
 */
function errorBody(data: unknown): ErrorBody | undefined {
  const error = isRecord(data) && isRecord(data.error) ? data.error : data;
  if (!isRecord(error) || typeof error.code !== 'string') {
    return undefined;
  }
  const { code, message, details } = error;
  return {
    code,
    message: typeof message === 'string' ? message : undefined,
    details: isRecord(details) ? details : undefined,
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
