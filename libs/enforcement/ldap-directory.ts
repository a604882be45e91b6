import { Attribute, Change, Client, Filter, InvalidCredentialsError } from 'ldapts';

/** How Custodian reaches the directory that enforces access (LDAP v3; OpenLDAP or Active Directory). */
export interface DirectorySettings {
  url: string;
  /** The connector's own account; it writes only the managed groups (and a leaver's disable flag). */
  bindDn: string;
  bindPassword: string;
  /** Where people are searched, and the filter that finds one by username (`{username}` is escaped). */
  peopleBase: string;
  userFilter: string;
  /**
   * groupOfNames needs at least one member (RFC 4519), so an "empty" group holds this placeholder DN;
   * it never names a person. Active Directory groups may be empty: set null there.
   */
  placeholderMember: string | null;
  /** How a leaver's entry is disabled; null where the directory has no such flag. */
  disable: { attribute: string; value: string } | null;
  timeoutMs?: number;
}

/** LDAP result codes the connector treats as "already so" rather than as failures. */
const ALREADY_EXISTS = 20; // attributeOrValueExists: the member is already there
const NO_SUCH_ATTRIBUTE = 16; // the member is already gone
const OBJECT_CLASS_VIOLATION = 65; // removing the last member of a groupOfNames
const codeOf = (e: unknown): number | undefined => (e as { code?: number }).code;

/** Puts an escaped username into the configured filter (RFC 4515: no `*)(uid=*` injection). */
export const userFilterFor = (template: string, username: string): string => template.split('{username}').join(Filter.escape(username));

/** Two DNs name the same entry (case and spaces around commas aside). */
export const sameDn = (a: string, b: string) => a.replace(/\s*,\s*/g, ',').toLowerCase() === b.replace(/\s*,\s*/g, ',').toLowerCase();

/**
 * The directory connector. Every write is idempotent — adding a member who is there, or removing one
 * who is gone, is success — so Temporal may retry an activity that calls it as often as it must. Each
 * call opens its own connection: nothing is shared between activities, workers or machines.
 */
export class LdapDirectory {
  constructor(private readonly s: DirectorySettings) {}

  private async session<T>(fn: (c: Client) => Promise<T>): Promise<T> {
    const c = new Client({ url: this.s.url, timeout: this.s.timeoutMs ?? 5000, connectTimeout: this.s.timeoutMs ?? 5000 });
    try {
      await c.bind(this.s.bindDn, this.s.bindPassword);
      return await fn(c);
    } finally {
      await c.unbind().catch(() => undefined);
    }
  }

  /** The DN of the one entry the filter finds for this username, or null (none, or more than one). */
  async findUserDn(username: string): Promise<string | null> {
    return this.session((c) => this.lookup(c, username));
  }

  private async lookup(c: Client, username: string): Promise<string | null> {
    const { searchEntries } = await c.search(this.s.peopleBase, { scope: 'sub', filter: userFilterFor(this.s.userFilter, username), attributes: ['dn'], sizeLimit: 2 });
    return searchEntries.length === 1 ? searchEntries[0]!.dn : null;
  }

  async members(groupDn: string): Promise<string[]> {
    return this.session(async (c) => {
      const { searchEntries } = await c.search(groupDn, { scope: 'base', attributes: ['member'] });
      const raw = searchEntries[0]?.member ?? [];
      const all = (Array.isArray(raw) ? raw : [raw]).map(String);
      return all.filter((m) => !(this.s.placeholderMember && sameDn(m, this.s.placeholderMember)));
    });
  }

  async isMember(groupDn: string, memberDn: string): Promise<boolean> {
    return (await this.members(groupDn)).some((m) => sameDn(m, memberDn));
  }

  /** Adds the member; already a member is success. */
  async addMember(groupDn: string, memberDn: string): Promise<void> {
    await this.session(async (c) => {
      try {
        await c.modify(groupDn, new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: [memberDn] }) }));
      } catch (e) {
        if (codeOf(e) !== ALREADY_EXISTS) throw e;
      }
    });
  }

  /** Removes the member; not a member is success. The last member of a groupOfNames gives way to the placeholder. */
  async removeMember(groupDn: string, memberDn: string): Promise<void> {
    await this.session(async (c) => {
      try {
        await c.modify(groupDn, new Change({ operation: 'delete', modification: new Attribute({ type: 'member', values: [memberDn] }) }));
      } catch (e) {
        if (codeOf(e) === NO_SUCH_ATTRIBUTE) return;
        if (codeOf(e) !== OBJECT_CLASS_VIOLATION || !this.s.placeholderMember) throw e;
        await c.modify(groupDn, new Change({ operation: 'replace', modification: new Attribute({ type: 'member', values: [this.s.placeholderMember] }) }));
      }
    });
  }

  /** Empties the group in one modify (SYS-5: everyone, grant or not) and says how many members it had. */
  async emptyGroup(groupDn: string): Promise<number> {
    const before = await this.members(groupDn);
    await this.session((c) => c.modify(groupDn, new Change({ operation: 'replace', modification: new Attribute({ type: 'member', values: this.s.placeholderMember ? [this.s.placeholderMember] : [] }) })));
    return before.length;
  }

  /** Marks a leaver's entry disabled where the directory has a flag for it (configurable). */
  async disableEntry(memberDn: string): Promise<boolean> {
    if (!this.s.disable) return false;
    const { attribute, value } = this.s.disable;
    await this.session((c) => c.modify(memberDn, new Change({ operation: 'replace', modification: new Attribute({ type: attribute, values: [value] }) })));
    return true;
  }

  /**
   * Signs a person in with their directory password: find their entry with the connector's account,
   * then bind as that entry. An unknown name and a wrong password both answer false.
   */
  async verifyPassword(username: string, password: string): Promise<boolean> {
    if (!password) return false; // an empty password is an anonymous bind, which "succeeds"
    const dn = await this.findUserDn(username);
    if (!dn) return false;
    const c = new Client({ url: this.s.url, timeout: this.s.timeoutMs ?? 5000, connectTimeout: this.s.timeoutMs ?? 5000 });
    try {
      await c.bind(dn, password);
      return true;
    } catch (e) {
      if (e instanceof InvalidCredentialsError) return false;
      throw e;
    } finally {
      await c.unbind().catch(() => undefined);
    }
  }
}
