-- The sliding-window rules of _window.py (WindowState), run atomically inside Redis.
-- KEYS[1]: sorted set of starts (member: id, score: time); KEYS[2]: hash of the other fields.
-- ARGV: op, requests, per_seconds, ceiling, keep, margin_hold, max_pause, then per op:
--   admit  margin pause halve(0/1)  -> {start_id or -1, wait, margin, allowance}
--   redate start_id                 -> 0
--   settle start_id seconds [start_id seconds ...]  -> 0 (each start held that much longer)
--   refuse start_id pause jitter widened(or "")  -> 1 when timing explains the 429, else 0
-- Time is Redis's own (TIME), so the workers' clocks never matter.
local starts, fields = KEYS[1], KEYS[2]
local op = ARGV[1]
local requests, per = tonumber(ARGV[2]), tonumber(ARGV[3])
local ceiling, keep = tonumber(ARGV[4]), tonumber(ARGV[5])
local hold, max_pause = tonumber(ARGV[6]), tonumber(ARGV[7])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000

local function num(text) return string.format('%.6f', text) end
local function field(name, default)
  local value = redis.call('HGET', fields, name)
  if value then return tonumber(value) end
  return default
end
-- allowance < 0 stands for "the caller's requests" (None in Python)
local s = {
  blocked_until = field('blocked_until', 0), allowance = field('allowance', -1),
  allowance_changed = field('allowance_changed', -1e300), margin = field('margin', 0),
  margin_until = field('margin_until', -1e300),
}

local function save()
  redis.call('HSET', fields, 'blocked_until', num(s.blocked_until), 'allowance', s.allowance,
    'allowance_changed', num(s.allowance_changed), 'margin', num(s.margin),
    'margin_until', num(s.margin_until))
  local ttl = math.max(keep, hold, s.blocked_until - now) + 1
  redis.call('PEXPIRE', fields, math.ceil(ttl * 1000))
  redis.call('PEXPIRE', starts, math.ceil(keep * 1000))
end

local function report_margin(margin)
  if margin > ceiling then margin = ceiling end
  if margin >= s.margin or now >= s.margin_until then
    s.margin, s.margin_until = margin, now + hold
  end
end

local function pause(seconds)
  seconds = math.min(math.max(seconds, 0), max_pause)
  if now + seconds > s.blocked_until then s.blocked_until = now + seconds end
end

local function lower(seconds)
  pause(seconds)
  local allowance = s.allowance
  if allowance < 0 then allowance = requests end
  if now - s.allowance_changed >= per + s.margin and allowance > 1 then
    s.allowance, s.allowance_changed = math.max(1, math.floor(allowance / 2)), now
  end
end

if op == 'admit' then
  local margin, paused, halve = tonumber(ARGV[8]), tonumber(ARGV[9]), ARGV[10] == '1'
  if halve then lower(paused) elseif paused > 0 then pause(paused) end
  report_margin(margin)
  local span = per + s.margin
  redis.call('ZREMRANGEBYSCORE', starts, '-inf', num(now - keep))
  redis.call('ZREMRANGEBYSCORE', starts, '(' .. num(now + span + ceiling), '+inf')
  if s.blocked_until > now + max_pause then s.blocked_until = now end
  local allowance = requests
  if s.allowance >= 0 then
    if now - s.allowance_changed >= span then
      s.allowance, s.allowance_changed = s.allowance + 1, now
      if s.allowance >= requests then s.allowance = -1 end
    end
    if s.allowance >= 0 then allowance = s.allowance end
  end
  if now < s.blocked_until then
    save()
    return {-1, num(s.blocked_until - now), num(s.margin), allowance}
  end
  local window = redis.call('ZRANGEBYSCORE', starts, '(' .. num(now - span), '+inf', 'WITHSCORES')
  local count = #window / 2
  if count < allowance then
    local id = redis.call('HINCRBY', fields, 'next_id', 1)
    redis.call('ZADD', starts, num(now), id)
    save()
    return {id, '0', num(s.margin), allowance}
  end
  local oldest = tonumber(window[2 * (count - allowance) + 2])
  save()
  return {-1, num(math.max(oldest + span - now, 0.000001)), num(s.margin), allowance}
elseif op == 'redate' then
  local at = redis.call('ZSCORE', starts, ARGV[8])
  if at and now > tonumber(at) then redis.call('ZADD', starts, 'XX', num(now), ARGV[8]) end
  return 0
elseif op == 'settle' then
  for i = 8, #ARGV - 1, 2 do
    local at, seconds = redis.call('ZSCORE', starts, ARGV[i]), tonumber(ARGV[i + 1])
    if at and seconds > 0 then
      redis.call('ZADD', starts, 'XX', num(tonumber(at) + seconds), ARGV[i])
    end
  end
  return 0
elseif op == 'refuse' then
  local id, paused, jitter, widened = ARGV[8], tonumber(ARGV[9]), tonumber(ARGV[10]), ARGV[11]
  local at = redis.call('ZSCORE', starts, id)
  if at and widened ~= '' then
    at = tonumber(at)
    local around = redis.call('ZCOUNT', starts, '(' .. num(at - per - jitter), num(at + jitter))
    if around - 1 >= requests then
      report_margin(tonumber(widened))
      save()
      return 1
    end
  end
  lower(paused)
  save()
  return 0
end
return redis.error_reply('unknown operation ' .. tostring(op))
