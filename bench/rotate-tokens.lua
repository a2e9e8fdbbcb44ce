-- wrk script for bench/cluster-rate-limits-tokens.sh: every request carries the next of the tokens in the
-- file TOKENS_FILE (one a line), each thread starting at a place of its own, so that every token is busy.
local tokens = {}
local index = 1
local headers = {}
local threads = 0

function setup(thread)
  thread:set("offset", threads * 17)
  threads = threads + 1
end

function init(args)
  for line in io.lines(os.getenv("TOKENS_FILE")) do
    table.insert(tokens, "Bearer " .. line)
  end
  index = offset % #tokens + 1
end

function request()
  headers["Authorization"] = tokens[index]
  index = index % #tokens + 1
  return wrk.format(nil, nil, headers)
end
