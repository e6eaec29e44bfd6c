-- wrk script for the service load test: posts the mix of bodies listed in
-- $MIX_MANIFEST (see make_bodies.py) and checks every response:
--   * the status is one the body kind deserves (200/503 for valid images; 400, 413 or
--     415 for each hostile kind);
--   * a 200 carries a complete image of the asked format whose header states exactly the
--     expected thumbnail size (PNG: signature, IHDR size, IEND last; JPEG: SOI, SOFn size,
--     EOI last);
--   * an error is a one-line JSON body {"error":"..."}, and a 503 has Retry-After.
-- Each request carries X-Request-Id = its kind's index; the services echo it, which is how
-- a response is matched to its kind on a busy connection.
-- done() writes the counts as JSON to $MIX_RESULT.

local manifest = os.getenv("MIX_MANIFEST")
local format = os.getenv("MIX_FORMAT") or "png"
local result_path = os.getenv("MIX_RESULT")

-- Per-thread results, read by done() through thread:get. wrk 4.1's copy between Lua
-- states crashes on nested tables, so they are flat: tally["<kind>|<status>"] and
-- tally["<kind>|wrong"] count responses; samples is text, one wrong response a line.
kinds = {}
tally = {}
samples = ""
local sample_count = 0
local requests = {}
local schedule = {}
local cursor = 0

local function load_manifest()
  local list = {}
  for line in io.lines(manifest) do
    local name, weight, expected, w, h, size, path =
      line:match("^(%S+) (%d+) (%S+) (%d+) (%d+) (%d+) (%S+)$")
    local f = assert(io.open(path, "rb"))
    local body = f:read("*a")
    f:close()
    local allowed = {}
    for s in expected:gmatch("%d+") do allowed[tonumber(s)] = true end
    list[#list + 1] = { name = name, weight = tonumber(weight), allowed = allowed,
                        w = tonumber(w), h = tonumber(h), size = tonumber(size), body = body }
  end
  return list
end

local function fitted(w, h, box)
  if w <= box and h <= box then return w, h end
  if w >= h then return box, math.max(1, math.floor((h * box * 2 + w) / (2 * w))) end
  return math.max(1, math.floor((w * box * 2 + h) / (2 * h))), box
end

function setup(thread)
  threads = threads or {}
  threads[#threads + 1] = thread
  thread:set("offset", #threads * 37)
end

function init(args)
  local list = load_manifest()
  for i, k in ipairs(list) do
    kinds[i] = k.name
    local path = "/thumbnail?size=" .. k.size .. "&format=" .. format
    requests[i] = wrk.format("POST", path, { ["X-Request-Id"] = tostring(i),
      ["Content-Type"] = "application/octet-stream" }, k.body)
    k.ew, k.eh = fitted(k.w, k.h, k.size)
    for _ = 1, k.weight do schedule[#schedule + 1] = i end
  end
  spec = list
  -- The same shuffled order in every thread, started at a different place.
  math.randomseed(1202)
  for i = #schedule, 2, -1 do
    local j = math.random(i)
    schedule[i], schedule[j] = schedule[j], schedule[i]
  end
  cursor = (offset or 0) % #schedule
end

function request()
  cursor = cursor % #schedule + 1
  return requests[schedule[cursor]]
end

local function be16(s, i) return s:byte(i) * 256 + s:byte(i + 1) end
local function be32(s, i) return ((s:byte(i) * 256 + s:byte(i + 1)) * 256 + s:byte(i + 2)) * 256 + s:byte(i + 3) end

-- Width and height stated by a complete image body, or nil and why not.
local function image_size(body)
  if format == "png" then
    if #body < 57 or body:sub(1, 8) ~= "\137PNG\r\n\26\n" then return nil, "not a PNG" end
    if body:sub(13, 16) ~= "IHDR" then return nil, "no IHDR" end
    if body:sub(-12) ~= "\0\0\0\0IEND\174\66\96\130" then return nil, "no IEND at the end" end
    return be32(body, 17), be32(body, 21)
  end
  if #body < 4 or body:sub(1, 2) ~= "\255\216" then return nil, "not a JPEG" end
  if body:sub(-2) ~= "\255\217" then return nil, "no EOI at the end" end
  local pos = 3
  while pos + 8 <= #body do
    if body:byte(pos) ~= 255 then return nil, "bad marker" end
    local m = body:byte(pos + 1)
    if m >= 0xC0 and m <= 0xCF and m ~= 0xC4 and m ~= 0xC8 and m ~= 0xCC then
      return be16(body, pos + 7), be16(body, pos + 5)
    end
    pos = pos + 2 + be16(body, pos + 2)
  end
  return nil, "no SOF"
end

local function bump(key)
  tally[key] = (tally[key] or 0) + 1
end

local function note(i, why)
  bump(i .. "|wrong")
  if sample_count < 20 then
    sample_count = sample_count + 1
    samples = samples .. (kinds[i] or "unmatched") .. ": " .. why:gsub("[\r\n]", " ") .. "\n"
  end
end

function response(status, headers, body)
  local id
  for key, value in pairs(headers) do
    if key:lower() == "x-request-id" then id = tonumber(value) end
  end
  local k = id and spec[id]
  if not k then
    bump("0|" .. status)
    note(0, "response without a known X-Request-Id, status " .. status)
    return
  end
  local i = id
  bump(i .. "|" .. status)
  if not k.allowed[status] then
    note(i, "status " .. status .. " " .. body:sub(1, 120))
    return
  end
  if status == 200 then
    local w, h = image_size(body)
    if not w then
      note(i, "200 with a bad body: " .. tostring(h))
    elseif w ~= k.ew or h ~= k.eh then
      note(i, string.format("200 with %dx%d, expected %dx%d", w, h, k.ew, k.eh))
    end
  else
    if not body:match('^{"error":".*"}\n?$') or body:find("\n.") then
      note(i, "error body is not one-line JSON: " .. body:sub(1, 80))
    end
    if status == 503 then
      local retry = false
      for key in pairs(headers) do if key:lower() == "retry-after" then retry = true end end
      if not retry then note(i, "503 without Retry-After") end
    end
  end
end

local function json_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"'
end

function done(summary, latency, requests_stats)
  local total, names, lines = {}, {}, {}
  for _, t in ipairs(threads) do
    for i, name in pairs(t:get("kinds")) do names[i] = name end
    for key, count in pairs(t:get("tally")) do total[key] = (total[key] or 0) + count end
    for line in t:get("samples"):gmatch("[^\n]+") do lines[#lines + 1] = line end
  end
  names[0] = "unmatched"
  local e = summary.errors
  local out = {}
  out[#out + 1] = string.format('{"requests":%d,"duration_us":%d,"bytes":%d,', summary.requests,
    summary.duration, summary.bytes)
  out[#out + 1] = string.format('"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d},',
    e.connect, e.read, e.write, e.timeout, e.status)
  out[#out + 1] = string.format('"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.0f},',
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean)
  out[#out + 1] = '"kinds":['
  for i = 0, #names do
    local parts, wrong = {}, 0
    for key, count in pairs(total) do
      local ki, what = key:match("^(%d+)|(%w+)$")
      if tonumber(ki) == i then
        if what == "wrong" then wrong = count else parts[#parts + 1] = string.format('"%s":%d', what, count) end
      end
    end
    out[#out + 1] = string.format('%s{"kind":%s,"statuses":{%s},"wrong":%d}', i > 0 and "," or "",
      json_string(names[i]), table.concat(parts, ","), wrong)
  end
  out[#out + 1] = '],"samples":['
  for j, line in ipairs(lines) do
    out[#out + 1] = (j > 1 and "," or "") .. json_string(line)
  end
  out[#out + 1] = "]}\n"
  local text = table.concat(out)
  if result_path then
    local f = assert(io.open(result_path, "w"))
    f:write(text)
    f:close()
  end
end
