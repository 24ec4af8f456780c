// The broker's access list in mosquitto's own `acl_file` format, so that the embedded broker and a
// county's mosquitto enforce one file: resources/broker/muster.acl. What is read:
//   user NAME                          the rules below it are NAME's
//   topic [read|write|readwrite] T     (default readwrite) a topic or filter, for that user
//   pattern [read|write|readwrite] T   for every user, %u standing for the username, %c for the
//                                      client id
// Rules before the first `user` line belong to anonymous clients, which this console never lets in.
// A client may publish to a topic that a write rule matches, and subscribe to a filter that a read
// rule covers (every topic the filter can match, the rule matches too: a device that subscribes to
// `+/order` instead of its own order topic is refused, not quietly narrowed).

import { readFileSync } from 'node:fs';

/** Reads and parses an ACL file; errors name the file. */
export function loadAcl(file: string): Acl {
  try {
    return parseAcl(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(
      `broker access list ${file}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

interface Rule {
  readonly read: boolean;
  readonly write: boolean;
  readonly levels: readonly string[];
}

export interface Acl {
  mayPublish(who: { username: string; clientId: string }, topic: string): boolean;
  maySubscribe(who: { username: string; clientId: string }, filter: string): boolean;
}

function parseRule(words: string[], lineNo: number): { access: string; topic: string } {
  const [first, ...rest] = words;
  if (first === 'deny') throw new Error(`ACL line ${lineNo}: "deny" rules are not supported here`);
  if (first === 'read' || first === 'write' || first === 'readwrite') {
    if (rest.length === 0) throw new Error(`ACL line ${lineNo}: no topic after "${first}"`);
    return { access: first, topic: rest.join(' ') };
  }
  if (first === undefined) throw new Error(`ACL line ${lineNo}: no topic`);
  return { access: 'readwrite', topic: words.join(' ') };
}

/** Parses an ACL file; throws naming the line of anything it does not understand. */
export function parseAcl(text: string): Acl {
  const users = new Map<string, { access: string; topic: string }[]>();
  const patterns: { access: string; topic: string }[] = [];
  let user: string | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [keyword, ...words] = line.split(/\s+/);
    if (keyword === 'user') {
      user = words.join(' ');
      if (user === '') throw new Error(`ACL line ${i + 1}: user without a name`);
      if (!users.has(user)) users.set(user, []);
    } else if (keyword === 'topic') {
      // Rules before any user line are anonymous clients': never admitted, so never used.
      if (user !== undefined) users.get(user)?.push(parseRule(words, i + 1));
    } else if (keyword === 'pattern') {
      patterns.push(parseRule(words, i + 1));
    } else {
      throw new Error(`ACL line ${i + 1}: unknown keyword "${keyword ?? ''}"`);
    }
  });
  const toRule = (r: { access: string; topic: string }, sub = (t: string) => t): Rule => ({
    read: r.access === 'read' || r.access === 'readwrite',
    write: r.access === 'write' || r.access === 'readwrite',
    levels: sub(r.topic).split('/'),
  });
  const rulesOf = (username: string, clientId: string): Rule[] => {
    // mosquitto refuses a pattern for a username or client id that holds a wildcard or a slash.
    const safe = !/[+#/]/.test(username) && !/[+#/]/.test(clientId);
    const own = (users.get(username) ?? []).map((r) => toRule(r));
    if (!safe) return own;
    const subst = (t: string): string => t.replaceAll('%u', username).replaceAll('%c', clientId);
    return [...own, ...patterns.map((r) => toRule(r, subst))];
  };
  return {
    mayPublish: ({ username, clientId }, topic) => {
      const levels = topic.split('/');
      return rulesOf(username, clientId).some((r) => r.write && matches(r.levels, levels));
    },
    maySubscribe: ({ username, clientId }, filter) => {
      const levels = filter.split('/');
      return rulesOf(username, clientId).some((r) => r.read && covers(r.levels, levels));
    },
  };
}

/** True when the topic (no wildcards) matches the filter. */
function matches(filter: readonly string[], topic: readonly string[]): boolean {
  for (let i = 0; i < filter.length; i++) {
    const f = filter[i];
    if (f === '#') return true;
    if (i >= topic.length) return false;
    if (f !== '+' && f !== topic[i]) return false;
  }
  return filter.length === topic.length;
}

/** True when every topic that `inner` can match, `outer` matches too. */
function covers(outer: readonly string[], inner: readonly string[]): boolean {
  for (let i = 0; i < outer.length; i++) {
    const o = outer[i];
    if (o === '#') return true;
    const n = inner[i];
    if (n === undefined || n === '#') return false;
    if (o === '+') continue;
    if (n === '+' || n !== o) return false;
  }
  return outer.length === inner.length;
}
