-- Shared helper for the wrk scenarios under scripts/bench/scenarios/.
--
-- A scenario file does:
--   local gql = dofile(os.getenv("BENCH_LUA_DIR") .. "/lib/graphql.lua")
--   gql.scenario{ query = "...", variables = function(i, data) ... end, data = "slugs.txt", auth = "kiosk-token.txt" }
-- and gets wrk's init/request/response/setup/done hooks defined for it:
--   * every request is a POST /graphql with a JSON body {"query","variables"}; bodies are prepared once per
--     thread (one per line of the data file, rotated through) so the load generator does little work per request;
--   * response() counts HTTP 200 responses whose body carries a top-level GraphQL "errors" member and keeps
--     the first such body as a sample (non-2xx responses are counted by wrk itself);
--   * done() prints latency percentiles and one machine-readable line, "BENCH_RESULT k=v ...", that run.sh reads.
--
-- Environment (set by run.sh): BENCH_LUA_DIR (this folder's parent), BENCH_DATA_DIR (files made at start-up:
-- slugs.txt, barcodes.txt, kiosk-token.txt).

local M = {}

local function json_string(s)
  s = s:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' end
    if c == '\\' then return '\\\\' end
    if c == '\n' then return '\\n' end
    if c == '\r' then return '\\r' end
    if c == '\t' then return '\\t' end
    return string.format('\\u%04x', c:byte())
  end)
  return '"' .. s .. '"'
end
M.json_string = json_string

-- Encodes a flat Lua table (string/number/boolean values, or nested flat tables) as a JSON object.
local function json_value(v)
  local t = type(v)
  if t == "string" then return json_string(v) end
  if t == "number" or t == "boolean" then return tostring(v) end
  if t == "table" then
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys)
    local parts = {}
    for _, k in ipairs(keys) do parts[#parts + 1] = json_string(k) .. ":" .. json_value(v[k]) end
    return "{" .. table.concat(parts, ",") .. "}"
  end
  if v == nil then return "null" end
  error("cannot encode " .. t)
end
M.json_value = json_value

function M.body(query, variables)
  if variables == nil then return '{"query":' .. json_string(query) .. '}' end
  return '{"query":' .. json_string(query) .. ',"variables":' .. json_value(variables) .. '}'
end

local function data_dir()
  local dir = os.getenv("BENCH_DATA_DIR")
  if not dir or dir == "" then error("BENCH_DATA_DIR is not set (run the scenarios through scripts/bench/run.sh)") end
  return dir
end

-- Lines of a file in BENCH_DATA_DIR (blank lines skipped); fails when the file is missing or empty.
function M.read_lines(name)
  local path = data_dir() .. "/" .. name
  local f = assert(io.open(path, "r"), "cannot open " .. path)
  local lines = {}
  for line in f:lines() do
    line = line:gsub("%s+$", "")
    if line ~= "" then lines[#lines + 1] = line end
  end
  f:close()
  if #lines == 0 then error(path .. " is empty") end
  return lines
end

function M.read_first_line(name)
  return M.read_lines(name)[1]
end

-- Defines wrk's hooks for a GraphQL scenario. spec fields:
--   query      the GraphQL document (required)
--   data       optional file in BENCH_DATA_DIR; one request body per line, rotated through
--   variables  optional function(line, index) -> table of variables (or a constant table)
--   auth       optional file in BENCH_DATA_DIR holding a bearer token
--   headers    optional table of extra headers
--   line_headers optional function(line, index) -> table of extra headers for that line's request
function M.scenario(spec)
  local threads = {}

  function setup(thread)
    thread:set("id", #threads + 1)
    threads[#threads + 1] = thread
  end

  function init(args)
    gql_errors = 0
    gql_error_sample = ""
    local headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }
    for k, v in pairs(spec.headers or {}) do headers[k] = v end
    if spec.auth then headers["Authorization"] = "Bearer " .. M.read_first_line(spec.auth) end

    prepared = {}
    if spec.data then
      for i, line in ipairs(M.read_lines(spec.data)) do
        local vars = spec.variables
        if type(vars) == "function" then vars = vars(line, i) end
        local request_headers = headers
        if spec.line_headers then
          request_headers = {}
          for k, v in pairs(headers) do request_headers[k] = v end
          for k, v in pairs(spec.line_headers(line, i)) do request_headers[k] = v end
        end
        prepared[#prepared + 1] = wrk.format("POST", "/graphql", request_headers, M.body(spec.query, vars))
      end
    else
      local vars = spec.variables
      if type(vars) == "function" then vars = vars(nil, 1) end
      prepared[1] = wrk.format("POST", "/graphql", headers, M.body(spec.query, vars))
    end
    -- each thread starts at a different place in the rotation
    counter = ((id or 1) - 1) * 7
  end

  function request()
    counter = counter + 1
    return prepared[(counter % #prepared) + 1]
  end

  function response(status, headers, body)
    -- GraphQL reports failures in a top-level "errors" member, usually with HTTP 200
    if body and body:find('"errors"', 1, true) then
      gql_errors = gql_errors + 1
      if gql_error_sample == "" then gql_error_sample = body:sub(1, 600) end
    end
  end

  function done(summary, latency, requests)
    local errors, sample = 0, ""
    for _, t in ipairs(threads) do
      errors = errors + (t:get("gql_errors") or 0)
      local s = t:get("gql_error_sample")
      if sample == "" and s and s ~= "" then sample = s end
    end
    local seconds = summary.duration / 1e6
    local e = summary.errors
    local socket_errors = e.connect + e.read + e.write + e.timeout
    local function ms(us) return string.format("%.2f", us / 1000) end
    io.write(string.format("  latency ms: p50 %s  p75 %s  p90 %s  p99 %s  p99.9 %s  max %s\n",
      ms(latency:percentile(50)), ms(latency:percentile(75)), ms(latency:percentile(90)),
      ms(latency:percentile(99)), ms(latency:percentile(99.9)), ms(latency.max)))
    io.write(string.format(
      "BENCH_RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%s p90_ms=%s p99_ms=%s max_ms=%s non2xx=%d socket_errors=%d gql_errors=%d\n",
      summary.requests, seconds, summary.requests / seconds,
      ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)), ms(latency.max),
      e.status, socket_errors, errors))
    if sample ~= "" then
      io.write("BENCH_ERROR_SAMPLE " .. sample:gsub("[\r\n]", " ") .. "\n")
    end
  end
end

return M
