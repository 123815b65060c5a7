-- Sources SDK Tools language server for Neovim 0.7 and later.
--
-- Copy this file as it is to ~/.config/nvim/plugin/sources-sdk.lua (or `dofile()` it from init.lua). It gives
-- connection and flow spec files their own filetypes and starts `sources-sdk-language-server --stdio` for them:
-- diagnostics, completion (also after `${`), hover, quick fixes, formatting, outline, rename.
--
-- The server comes with the npm package (`npm install -g ./sources-sdk-tools-<version>.tgz` puts
-- `sources-sdk-language-server` on your PATH). From a clone instead, before this file runs:
--   vim.g.sources_sdk_server_cmd = { 'node', '/path/to/sources-sdk-tools/dist/server.js', '--stdio' }
-- Settings the server reads (section `sourcesSdk`) can be given in vim.g.sources_sdk_settings.
--
-- Neovim 0.11+ uses vim.lsp.config/vim.lsp.enable; 0.7–0.10 use vim.lsp.start_client. Filetypes are set with
-- autocommands, which work in 0.7 too (vim.filetype.add needs 0.8, or do_filetype_lua in 0.7).

local filetypes = { 'sources-sdk-connection-spec', 'sources-sdk-flow-spec' }
local patterns = {
  ['sources-sdk-connection-spec'] = { '*-connectionSpec.json', '*.connectionSpec.json' },
  ['sources-sdk-flow-spec'] = { '*-flowSpec.json', '*.flowSpec.json' },
}

local cmd = vim.g.sources_sdk_server_cmd or { 'sources-sdk-language-server', '--stdio' }
local settings = { sourcesSdk = vim.tbl_extend('force', { detectByContent = true }, vim.g.sources_sdk_settings or {}) }

local group = vim.api.nvim_create_augroup('sources_sdk', { clear = true })
for filetype, globs in pairs(patterns) do
  vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
    group = group,
    pattern = globs,
    -- `set filetype`, not `setfiletype`: it wins over the json detection whichever runs first.
    callback = function(args) vim.bo[args.buf].filetype = filetype end,
  })
end

-- JSON highlighting for the two filetypes where a treesitter json parser is installed.
if vim.treesitter and vim.treesitter.language and vim.treesitter.language.register then
  pcall(vim.treesitter.language.register, 'json', filetypes)
end

if vim.lsp.config and vim.lsp.enable then
  -- Neovim 0.11 and later.
  vim.lsp.config('sources_sdk', { cmd = cmd, filetypes = filetypes, root_markers = { '.git' }, settings = settings })
  vim.lsp.enable('sources_sdk')
  return
end

-- Neovim 0.7 to 0.10: one client for every spec buffer of a root folder.
local clients = {}

local function root_of(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  local git = vim.fn.finddir('.git', dir .. ';')
  if git ~= '' then return vim.fn.fnamemodify(git, ':p:h:h') end
  return dir
end

vim.api.nvim_create_autocmd('FileType', {
  group = group,
  pattern = filetypes,
  callback = function(args)
    local root = root_of(vim.api.nvim_buf_get_name(args.buf))
    local id = clients[root]
    if not id or not vim.lsp.get_client_by_id(id) then
      id = vim.lsp.start_client({
        name = 'sources_sdk',
        cmd = cmd,
        root_dir = root,
        workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
        settings = settings,
      })
      clients[root] = id
    end
    if id then vim.lsp.buf_attach_client(args.buf, id) end
  end,
})
