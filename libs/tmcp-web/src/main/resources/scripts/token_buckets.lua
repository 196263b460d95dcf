-- Spec 11.4.2 token buckets, several at once, atomically, on Redis's own clock so that every
-- gateway instance shares one budget (11.4.3). A request passes only if every bucket has a token;
-- then one is taken from each. A refusal counts towards abuse suspension (11.4.5).
--
-- KEYS[1] suspension key, KEYS[2] violation counter, KEYS[3..] buckets
-- ARGV[1] suspension enabled (0/1), ARGV[2] violations before suspension, ARGV[3] violation window (s),
-- ARGV[4] suspension length (s), then per bucket: capacity (limit + burst), refill rate (tokens/s)
-- Returns {status, now_ms, suspended_until_ms, limiting_bucket_index, tokens_1, tokens_2, ...}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local suspend = ARGV[1] == '1'

if suspend then
  local until_ms = tonumber(redis.call('GET', KEYS[1]))
  if until_ms and until_ms > now then
    return {'suspended', tostring(now), tostring(until_ms), '0'}
  end
end

local n = #KEYS - 2
local tokens = {}
local limiting = 0
for i = 1, n do
  local capacity = tonumber(ARGV[3 + 2 * i])
  local rate = tonumber(ARGV[4 + 2 * i])
  local state = redis.call('HMGET', KEYS[2 + i], 'tokens', 'ts')
  local level = tonumber(state[1])
  local ts = tonumber(state[2])
  if level == nil then
    level = capacity
    ts = now
  end
  level = math.min(capacity, level + math.max(0, now - ts) * rate / 1000)
  tokens[i] = level
  if level < 1 and limiting == 0 then
    limiting = i
  end
end

local result = {}
if limiting == 0 then
  result[1] = 'ok'
  for i = 1, n do
    tokens[i] = tokens[i] - 1
  end
else
  result[1] = 'limited'
  if suspend then
    local count = redis.call('INCR', KEYS[2])
    if count == 1 then
      redis.call('EXPIRE', KEYS[2], tonumber(ARGV[3]))
    end
    if count >= tonumber(ARGV[2]) then
      local until_ms = now + tonumber(ARGV[4]) * 1000
      redis.call('SET', KEYS[1], tostring(until_ms), 'PX', tonumber(ARGV[4]) * 1000)
      redis.call('DEL', KEYS[2])
      return {'suspended', tostring(now), tostring(until_ms), '0'}
    end
  end
end
for i = 1, n do
  local capacity = tonumber(ARGV[3 + 2 * i])
  local rate = tonumber(ARGV[4 + 2 * i])
  redis.call('HSET', KEYS[2 + i], 'tokens', tostring(tokens[i]), 'ts', tostring(now))
  redis.call('PEXPIRE', KEYS[2 + i], math.ceil(capacity / rate * 1000) + 1000)
end
result[2] = tostring(now)
result[3] = '0'
result[4] = tostring(limiting)
for i = 1, n do
  result[4 + i] = tostring(tokens[i])
end
return result
