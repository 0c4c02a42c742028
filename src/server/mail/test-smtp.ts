/**
 * A tiny SMTP server for tests: speaks enough of RFC 5321 (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP,
 * QUIT) for nodemailer to deliver, and keeps each message it receives.
 */
import net from "node:net";

export interface Received {
  from: string;
  to: string[];
  data: string;
}

export interface TestSmtp {
  url: string;
  received: Received[];
  /** Resolves with the n-th message (1-based) once it has arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<Received>;
  close(): Promise<void>;
}

export async function startTestSmtp(options: { refuse?: boolean } = {}): Promise<TestSmtp> {
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  const server = net.createServer((socket) => {
    let buffer = "";
    let inData = false;
    let current: Received = { from: "", to: [], data: "" };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 test-smtp ready");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let i: number;
      while ((i = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            received.push(current);
            current = { from: "", to: [], data: "" };
            reply("250 2.0.0 queued");
            waiters.splice(0).forEach((w) => w());
          } else current.data += `${line.startsWith("..") ? line.slice(1) : line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO") reply("250-test-smtp\r\n250 8BITMIME");
        else if (verb === "HELO") reply("250 test-smtp");
        else if (verb === "MAIL") {
          if (options.refuse) reply("550 5.7.1 not today");
          else {
            current.from = line.replace(/^MAIL FROM:\s*/i, "");
            reply("250 2.1.0 ok");
          }
        } else if (verb === "RCPT") {
          current.to.push(line.replace(/^RCPT TO:\s*/i, "").replace(/[<>]/g, ""));
          reply("250 2.1.5 ok");
        } else if (verb === "DATA") {
          inData = true;
          reply("354 go ahead");
        } else if (verb === "QUIT") {
          reply("221 bye");
          socket.end();
        } else if (verb === "RSET" || verb === "NOOP") reply("250 ok");
        else reply("502 5.5.2 not implemented");
      }
    });
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    waitFor(n, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no message #${n} within ${timeoutMs} ms (got ${received.length})`)), timeoutMs);
        const check = () => {
          if (received.length >= n) {
            clearTimeout(timer);
            resolve(received[n - 1]);
          } else waiters.push(check);
        };
        check();
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
