import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'worker_threads';
import { PYTHON_PLUGIN_HOST } from './python-plugin-host';

/**
 * A synchronous call into one long-lived Python process on the controller, for the Python filter, test
 * and lookup plug-ins that playbooks bring. Templating is synchronous, so the main thread blocks on
 * Atomics.wait while a worker thread does the asynchronous talking to Python; one process serves the
 * whole run, so a plug-in costs Python's start-up once, not per call.
 */

export interface PythonReply {
  value?: unknown;
  /** The exception the plug-in raised: its class name and message. */
  error?: { type: string; message: string };
}

// Plain JavaScript: the worker is started from source so that it runs the same from dist/ and from ts-jest.
const WORKER = `
const { workerData } = require('worker_threads');
const { spawn } = require('child_process');
const { port, flag, python, script } = workerData;
const signal = new Int32Array(flag);
const reply = (msg) => { port.postMessage(msg); Atomics.store(signal, 0, 1); Atomics.notify(signal, 0); };
let stderr = '';
let dead = null;
let waiting = false;
let buffer = '';
const child = spawn(python, ['-c', script], { stdio: ['pipe', 'pipe', 'pipe'] });
child.stderr.on('data', (d) => { if (stderr.length < 8192) stderr += d; });
child.stdout.setEncoding('utf8');
child.stdout.on('data', (d) => {
  buffer += d;
  let nl;
  while ((nl = buffer.indexOf('\\n')) >= 0) {
    const line = buffer.slice(0, nl);
    buffer = buffer.slice(nl + 1);
    waiting = false;
    reply(JSON.parse(line));
  }
});
const die = (why) => {
  dead = { error: { type: 'PythonHostError', message: why + (stderr.trim() ? ': ' + stderr.trim() : '') } };
  if (waiting) { waiting = false; reply(dead); }
};
child.on('error', (e) => die('could not start ' + python + ' (' + e.message + ')'));
child.on('exit', (code, sig) => die(python + ' exited (' + (sig || code) + ')'));
child.stdin.on('error', () => undefined);
port.on('message', (req) => {
  if (dead) return reply(dead);
  waiting = true;
  child.stdin.write(req + '\\n');
});
`;

export class PythonBridge {
  private worker?: Worker;
  private port?: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));

  /** `script` is the Python program serving the requests (the inventory plug-ins have their own). */
  constructor(
    private readonly python = 'python3',
    private readonly script = PYTHON_PLUGIN_HOST,
  ) {}

  /** Sends one request, already JSON on one line, and waits for its reply. */
  call(request: string): PythonReply {
    const port = this.start();
    Atomics.store(this.signal, 0, 0);
    port.postMessage(request);
    Atomics.wait(this.signal, 0, 0);
    const reply = receiveMessageOnPort(port);
    if (!reply) throw new Error('the Python plug-in host gave no answer');
    return reply.message as PythonReply;
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private start(): MessagePort {
    if (this.port) return this.port;
    const { port1, port2 } = new MessageChannel();
    this.worker = new Worker(WORKER, {
      eval: true,
      workerData: { port: port2, flag: this.signal.buffer, python: this.python, script: this.script },
      transferList: [port2],
    });
    // The run's end does not wait for Python: closing its stdin ends it.
    this.worker.unref();
    this.port = port1;
    return port1;
  }
}
