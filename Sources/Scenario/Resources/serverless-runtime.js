// Switchboard's Serverless runtime: runs Twilio Functions (exports.handler = (context, event,
// callback) => …) as the platform runs them, one HTTP request per execution. Switchboard's
// gateway sends each request here with the function's file and its context in headers.
'use strict';
const http = require('http');
const path = require('path');
const fs = require('fs');
const { URLSearchParams } = require('url');
const { AsyncLocalStorage } = require('async_hooks');

const LIMIT_MS = 10000;
// Each execution's console output, kept apart even across its awaits.
const executions = new AsyncLocalStorage();
for (const [method, level] of [['log', 'info'], ['info', 'info'], ['warn', 'warn'], ['error', 'error']]) {
  const original = console[method];
  console[method] = (...args) => {
    const execution = executions.getStore();
    if (!execution) return original(...args);
    execution.logs.push({ level, message: args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '),
                          ms: Date.now() - execution.started });
  };
}
const STRIPPED = /^(i-twilio-|i-t-|ot-|x-amz|x-forwarded-|x-accel-|x-switchboard-)/;
const HOP = new Set(['via', 'referer', 'transfer-encoding', 'proxy-authorization', 'proxy-authenticate', 'x-real-ip', 'connection',
                     'proxy-connection', 'expect', 'trailer', 'upgrade', 'host', 'content-length']);

function escape(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// TwiML builders for when the project has no `twilio` package: verbs as methods, nested verbs
// returned to be filled, attributes as an object.
class TwiMLNode {
  constructor(name, attributes, text) { this.name = name; this.attributes = attributes || {}; this.text = text; this.children = []; }
  add(name, attributes, text) {
    if (typeof attributes === 'string' || typeof attributes === 'number') { text = attributes; attributes = {}; }
    const child = new TwiMLNode(name, attributes, text);
    this.children.push(child);
    return child;
  }
  render() {
    const attributes = Object.entries(this.attributes).map(([k, v]) => ` ${k}="${escape(v)}"`).join('');
    const inner = (this.text !== undefined ? escape(this.text) : '') + this.children.map((c) => c.render()).join('');
    return inner ? `<${this.name}${attributes}>${inner}</${this.name}>` : `<${this.name}${attributes}/>`;
  }
}
function response(verbs) {
  return class {
    constructor() { this.root = new TwiMLNode('Response'); }
    toString() { return '<?xml version="1.0" encoding="UTF-8"?>' + this.root.render(); }
    static get verbs() { return verbs; }
  };
}
const MessagingResponse = response(['message', 'redirect']);
const VoiceResponse = response(['say', 'play', 'pause', 'gather', 'record', 'dial', 'redirect', 'hangup', 'reject', 'enqueue', 'leave']);
for (const type of [MessagingResponse, VoiceResponse]) {
  for (const verb of type.verbs) {
    type.prototype[verb] = function (attributes, text) { return this.root.add(verb[0].toUpperCase() + verb.slice(1), attributes, text); };
  }
}

class TwilioResponse {
  constructor() { this.statusCode = 200; this.body = undefined; this.headers = {}; }
  setStatusCode(code) { this.statusCode = code; return this; }
  setBody(body) { this.body = body; return this; }
  setHeaders(headers) { this.headers = { ...headers }; return this; }
  appendHeader(name, value) { this.headers[name] = value; return this; }
  setCookie(name, value, attributes = []) {
    const cookie = [`${name}=${value}`, ...attributes].join(';');
    const existing = this.headers['Set-Cookie'];
    this.headers['Set-Cookie'] = existing ? [].concat(existing, cookie) : cookie;
    return this;
  }
  removeCookie(name) { return this.setCookie(name, '', ['Max-Age=0']); }
}

const shim = { twiml: { MessagingResponse, VoiceResponse }, Response: TwilioResponse };

function twilioFor(root) {
  try {
    const real = require(require.resolve('twilio', { paths: [root] }));
    return Object.assign(real, { Response: TwilioResponse });
  } catch (error) {
    return null;
  }
}

function answer(res, status, headers, body) {
  res.writeHead(status, headers);
  res.end(body);
}

function finish(res, logs, error, payload) {
  const headers = { 'X-Switchboard-Log': Buffer.from(JSON.stringify(logs)).toString('base64') };
  if (error) {
    const message = error instanceof Error ? error.message : String(error);
    return answer(res, 500, { ...headers, 'Content-Type': 'application/json' }, JSON.stringify({ message, name: error.name || 'Error' }));
  }
  if (payload instanceof TwilioResponse) {
    const body = payload.body === undefined ? '' : typeof payload.body === 'string' || Buffer.isBuffer(payload.body)
      ? payload.body : JSON.stringify(payload.body);
    const type = typeof payload.body === 'object' && !Buffer.isBuffer(payload.body) ? { 'Content-Type': 'application/json' } : {};
    return answer(res, payload.statusCode, { ...headers, ...type, ...payload.headers }, body);
  }
  // TwiML (this runtime's builders, or the twilio package's): an object with a toString of its own.
  if (payload && typeof payload === 'object' && !Array.isArray(payload) && payload.toString !== Object.prototype.toString) {
    return answer(res, 200, { ...headers, 'Content-Type': 'text/xml' }, payload.toString());
  }
  if (typeof payload === 'string') return answer(res, 200, { ...headers, 'Content-Type': 'text/plain' }, payload);
  if (payload === undefined || payload === null) return answer(res, 200, headers, '');
  return answer(res, 200, { ...headers, 'Content-Type': 'application/json' }, JSON.stringify(payload));
}

function run(req, res, body) {
  const file = req.headers['x-switchboard-function'];
  const context = JSON.parse(Buffer.from(req.headers['x-switchboard-context'] || 'e30=', 'base64').toString('utf8'));
  const query = new URLSearchParams((req.url.split('?')[1]) || '');
  const event = Object.fromEntries(query);
  const type = (req.headers['content-type'] || '').toLowerCase();
  if (type.startsWith('application/x-www-form-urlencoded')) Object.assign(event, Object.fromEntries(new URLSearchParams(body)));
  if (type.startsWith('application/json') && body) {
    try { Object.assign(event, JSON.parse(body)); } catch (error) { /* a body that is not JSON adds nothing */ }
  }
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!STRIPPED.test(name) && !HOP.has(name)) headers[name] = value;
  }
  const cookies = Object.fromEntries((req.headers.cookie || '').split(';').map((c) => c.trim().split('=')).filter((c) => c[0]));
  event.request = { headers, cookies };

  const logs = [];
  const root = context.projectRoot || path.dirname(file);
  const Twilio = twilioFor(root) || shim;
  const assets = context.assets || {};
  const functions = context.functions || {};
  global.Twilio = Twilio;
  global.Runtime = {
    getAssets: () => Object.fromEntries(Object.entries(assets).map(([p, f]) => [p, { path: f, open: () => fs.readFileSync(f, 'utf8') }])),
    getFunctions: () => Object.fromEntries(Object.entries(functions).map(([p, f]) => [p, { path: f }])),
  };
  const functionContext = {
    ...context.variables,
    DOMAIN_NAME: context.DOMAIN_NAME, PATH: context.PATH, SERVICE_SID: context.SERVICE_SID, ENVIRONMENT_SID: context.ENVIRONMENT_SID,
    getTwilioClient: () => {
      if (Twilio === shim) throw new Error("getTwilioClient needs the 'twilio' package in the project's node_modules");
      return Twilio(context.ACCOUNT_SID, context.AUTH_TOKEN);
    },
  };
  if (context.ACCOUNT_SID) { functionContext.ACCOUNT_SID = context.ACCOUNT_SID; functionContext.AUTH_TOKEN = context.AUTH_TOKEN; }

  let done = false;
  const timer = setTimeout(() => {
    if (done) return;
    done = true;
    finish(res, logs, new Error('runtime application timed out'));
  }, LIMIT_MS);
  const callback = (error, payload) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    finish(res, logs, error, payload);
  };
  executions.run({ logs, started: Date.now() }, () => {
    try {
      delete require.cache[require.resolve(file)];
      const handler = require(file).handler;
      if (typeof handler !== 'function') throw new Error(`${path.basename(file)} exports no handler function`);
      const result = handler(functionContext, event, callback);
      if (result && typeof result.catch === 'function') result.catch((error) => callback(error));
    } catch (error) {
      callback(error);
    }
  });
}

// Ends with the run that started it, even one killed outright (SIGKILL leaves no time to stop it):
// once the run is gone this process has another parent, even before the dead run is reaped.
const parent = Number(process.env.SWITCHBOARD_PID || 0);
if (parent) {
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, 500).unref();
}

http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    if (req.url === '/health') return answer(res, 200, {}, 'ok');
    run(req, res, Buffer.concat(chunks).toString('utf8'));
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
