/**
 * The read calls of one request share one connection of their studio, pipelined (ADR 26).
 *
 * A page of the web app is one tRPC batch of 5–10 queries. Each used to take the studio's connection in turn: the
 * connection sat idle while Node ran one call's code, and Node waited while PostgreSQL ran the next call's query. The
 * calls of a batch now take one handle together, and the connection is in pipeline mode (node-postgres 8.23
 * `pipeline: true`): each call's queries leave as soon as they are made, PostgreSQL runs them in order, and Node
 * works on one call while PostgreSQL answers another. The handle is given back when the last of them ends.
 *
 * Only queries share: a change (a mutation) still has a connection of its own, as does any transaction a read opens
 * (`transaction` on a shared handle takes one: directory.ts), so no other call's statement can land inside it.
 */
import { markShared, type TenantDirectory, type TenantHandle, type TenantLocation } from './directory.ts';

interface Shared {
  database: string;
  handle: Promise<TenantHandle>;
  users: number;
  broken: boolean;
}

export class SharedReads {
  private readonly byDatabase = new Map<string, Shared>();

  constructor(private readonly directory: TenantDirectory) {}

  /** A handle on the studio's database for one read call; its `release` gives the call's share back. */
  async join(location: TenantLocation): Promise<TenantHandle> {
    const shared = this.byDatabase.get(location.databaseName) ?? this.share(location);
    shared.users++;
    let opened: TenantHandle;
    try {
      opened = await shared.handle;
    } catch (error) {
      shared.users--;
      throw error;
    }
    let given = false;
    return {
      db: opened.db,
      lease: opened.lease,
      release: (broken) => {
        if (given) return;
        given = true;
        this.leave(shared, opened, broken === true);
      },
    };
  }

  private share(location: TenantLocation): Shared {
    const handle = this.directory.open(location).then((opened) => {
      markShared(opened.db, { directory: this.directory, location });
      return opened;
    });
    const shared: Shared = { database: location.databaseName, handle, users: 0, broken: false };
    this.byDatabase.set(shared.database, shared);
    // A failed open is not handed to the calls that come after it: they try again.
    handle.catch(() => this.forget(shared));
    return shared;
  }

  private leave(shared: Shared, opened: TenantHandle, broken: boolean): void {
    shared.users--;
    if (broken) {
      // The connection is in an unknown state: no later call of this request takes it, and it is closed at the end.
      shared.broken = true;
      this.forget(shared);
    }
    if (shared.users > 0) return;
    this.forget(shared);
    markShared(opened.db, null);
    opened.release(shared.broken);
  }

  private forget(shared: Shared): void {
    if (this.byDatabase.get(shared.database) === shared) this.byDatabase.delete(shared.database);
  }
}
