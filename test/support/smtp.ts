import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  parsed: ParsedMail;
}

/** What the test SMTP server answers a recipient: accept, refuse for good (550) or for now (451, once per address). */
export type RcptRule = (address: string) => 'accept' | 'reject' | 'greylist';

/**
 * A real receiving SMTP server (smtp-server, parsed with mailparser) on a free loopback port, with
 * AUTH PLAIN/LOGIN against one account and no STARTTLS (loopback only). `stop` and `start` take it down
 * and bring it back on the same port, as an outage would.
 */
export class TestSmtp {
  readonly received: ReceivedMail[] = [];
  readonly refusedRcpt: string[] = [];
  port = 0;
  private server: SMTPServer | null = null;
  private readonly greylisted = new Set<string>();

  constructor(
    readonly user: string,
    readonly pass: string,
    private readonly rule: RcptRule = () => 'accept',
  ) {}

  private create(): SMTPServer {
    return new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth: (auth, _session, cb) => (auth.username === this.user && auth.password === this.pass ? cb(null, { user: auth.username }) : cb(new Error('Invalid username or password'))),
      onRcptTo: (address, _session, cb) => {
        const what = this.rule(address.address);
        const refuse = (code: number, message: string) => {
          this.refusedRcpt.push(`${code} ${address.address}`);
          cb(Object.assign(new Error(message), { responseCode: code }));
        };
        if (what === 'reject') return refuse(550, '5.1.1 No such mailbox here');
        if (what === 'greylist' && !this.greylisted.has(address.address)) {
          this.greylisted.add(address.address);
          return refuse(451, '4.7.1 Greylisted, try again later');
        }
        cb();
      },
      onData: (stream, session, cb) => {
        simpleParser(stream)
          .then((parsed) => {
            this.received.push({ to: (session.envelope.rcptTo ?? []).map((r) => r.address), parsed });
            cb();
          })
          .catch(cb);
      },
    });
  }

  async start(): Promise<void> {
    this.server = this.create();
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server!.server.address() as AddressInfo).port;
  }

  get running(): boolean {
    return this.server !== null;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** The mails received for one address. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }
}
