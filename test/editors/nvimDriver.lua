-- Drives the Sources SDK language server from headless Neovim through editors/neovim/sources-sdk.lua (sourced before
-- this file, as a user's plugin/ file is). Opens the spec named by $SSDK_SPEC, then records what a user would see:
-- the filetype, the diagnostics, the completion after `${`, a quick fix applied; writes them as JSON to $SSDK_RESULT
-- and quits. Every wait has a deadline (vim.wait), so a broken server ends the run with what was seen so far.
local result = { version = vim.version(), steps = {} }

local function finish()
  local file = io.open(os.getenv('SSDK_RESULT'), 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qall!')
end

local function step(name, fn)
  local ok, err = pcall(fn)
  if not ok then
    result.error = name .. ': ' .. tostring(err)
    finish()
  end
  table.insert(result.steps, name)
end

local function code_of(d)
  local lsp = d.user_data and d.user_data.lsp
  return (lsp and lsp.code) or d.code
end

local function diagnostics_list(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(list, { code = code_of(d), message = d.message, line = d.lnum, col = d.col, source = d.source, severity = d.severity })
  end
  return list
end

local function find_line(bufnr, needle)
  for index, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = line:find(needle, 1, true)
    if col then return index - 1, col - 1 end
  end
  error('no line holds ' .. needle)
end

local bufnr
step('open', function()
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('SSDK_SPEC')))
  bufnr = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[bufnr].filetype
end)

step('diagnostics', function()
  local seen = vim.wait(60000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  result.clients = #vim.lsp.get_active_clients({ bufnr = bufnr })
  if not seen then error('no diagnostics within 60 s') end
  result.diagnostics = diagnostics_list(bufnr)
end)

local client
step('client', function()
  client = vim.lsp.get_active_clients({ bufnr = bufnr })[1]
  if not client then error('no client attached') end
  result.client_name = client.name
end)

local function request(method, params)
  local response, err = client.request_sync(method, params, 20000, bufnr)
  if not response then error(method .. ': ' .. tostring(err)) end
  if response.err then error(method .. ': ' .. vim.inspect(response.err)) end
  return response.result
end

step('completion', function()
  -- Type `${` inside the URL path, as a user would, then ask for completion right after it.
  local line, col = find_line(bufnr, '/contacts"')
  vim.api.nvim_buf_set_text(bufnr, line, col, line, col, { '/${' })
  local answer = request('textDocument/completion', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = line, character = col + 3 },
    context = { triggerKind = 2, triggerCharacter = '{' },
  })
  local items = answer and (answer.items or answer) or {}
  result.completion = {}
  for _, item in ipairs(items) do table.insert(result.completion, item.label) end
  vim.api.nvim_buf_set_text(bufnr, line, col, line, col + 3, { '' })
end)

step('quick fix', function()
  -- The diagnostic of the "http: //json-schema.org" typo, then its quick fix, applied as a user's code action would.
  local target
  local deadline = vim.wait(30000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if code_of(d) == 'SSDK703' then target = d return true end
    end
    return false
  end, 50)
  if not deadline then error('no SSDK703 diagnostic') end
  local range = { start = { line = target.lnum, character = target.col }, ['end'] = { line = target.end_lnum, character = target.end_col } }
  local actions = request('textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = range,
    context = { diagnostics = { { range = range, message = target.message, code = 'SSDK703', source = target.source, severity = target.severity } } },
  })
  result.actions = {}
  local chosen
  for _, action in ipairs(actions or {}) do
    table.insert(result.actions, action.title)
    if not chosen and action.kind == 'quickfix' and action.edit then chosen = action end
  end
  if not chosen then error('no quick fix with an edit') end
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16')
  local fixed_line = find_line(bufnr, '"$schema"')
  result.fixed = vim.api.nvim_buf_get_lines(bufnr, fixed_line, fixed_line + 1, false)[1]
  -- The server re-checks the edited text: the typo's diagnostic goes away.
  result.cleared = vim.wait(30000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if code_of(d) == 'SSDK703' then return false end
    end
    return true
  end, 50)
end)

finish()
