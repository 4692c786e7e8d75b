import { describe, expect, it } from 'vitest';
import { can, canAssignRole, PERMISSIONS, ROLE_PERMISSIONS, ROLES, type Role } from './roles.ts';

describe('ROLE_PERMISSIONS', () => {
  it('names every role, and only known permissions, each once', () => {
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...ROLES].sort());
    for (const role of ROLES) {
      const granted = ROLE_PERMISSIONS[role];
      for (const permission of granted) expect(PERMISSIONS).toContain(permission);
      expect(new Set(granted).size).toBe(granted.length);
    }
  });

  it('gives the owner every permission', () => {
    for (const permission of PERMISSIONS) expect(can('owner', permission)).toBe(true);
  });

  it('every role can read the studio it belongs to', () => {
    for (const role of ROLES) expect(can(role, 'studio:read')).toBe(true);
  });

  it('an engineer reads but writes neither rooms, members, nor the studio', () => {
    expect(can('engineer', 'rooms:read')).toBe(true);
    expect(can('engineer', 'members:read')).toBe(true);
    for (const permission of ['rooms:write', 'members:write', 'studio:write', 'billing:manage', 'audit:read'] as const)
      expect(can('engineer', permission)).toBe(false);
  });

  it('an assistant manages rooms but not members or the studio', () => {
    expect(can('assistant', 'rooms:write')).toBe(true);
    for (const permission of ['members:write', 'studio:write', 'billing:manage'] as const) expect(can('assistant', permission)).toBe(false);
  });

  it('exporting the whole studio is for owners only', () => {
    expect(ROLES.filter((role) => can(role, 'studio:export'))).toEqual(['owner']);
  });

  it('money and bulk exports of personal data are for owners and managers only', () => {
    expect(ROLES.filter((role) => can(role, 'money:manage'))).toEqual(['owner', 'manager']);
    expect(ROLES.filter((role) => can(role, 'clients:export'))).toEqual(['owner', 'manager']);
  });

  it('quotes, invoices, credit notes and payments (seeing, drafting, issuing, recording) are owners’ and managers’ only — engineers do not draft quotes', () => {
    expect(can('engineer', 'money:manage')).toBe(false);
    expect(can('assistant', 'money:manage')).toBe(false);
    expect(can('engineer', 'catalogue:read')).toBe(true);
  });

  it('every staff member reads the price list; only owners and managers change it', () => {
    expect(ROLES.filter((role) => can(role, 'catalogue:read'))).toEqual([...ROLES]);
    expect(ROLES.filter((role) => can(role, 'money:manage'))).toEqual(['owner', 'manager']);
  });

  it('the plan and its usage are seen by owners and managers only', () => {
    expect(ROLES.filter((role) => can(role, 'plan:read'))).toEqual(['owner', 'manager']);
  });

  it('billing is the owner’s alone', () => {
    expect(ROLES.filter((role) => can(role, 'billing:manage'))).toEqual(['owner']);
  });

  it('every write permission comes with its read permission', () => {
    for (const role of ROLES) {
      for (const permission of ROLE_PERMISSIONS[role]) {
        if (permission.endsWith(':write')) expect(can(role, permission.replace(':write', ':read') as never), `${role} ${permission}`).toBe(true);
      }
    }
  });

  it('roles are ordered: each role has a subset of the permissions of the owner and manager above it', () => {
    const subset = (a: Role, b: Role) => ROLE_PERMISSIONS[a].every((p) => ROLE_PERMISSIONS[b].includes(p));
    expect(subset('manager', 'owner')).toBe(true);
    expect(subset('engineer', 'manager')).toBe(true);
    expect(subset('assistant', 'manager')).toBe(true);
    expect(subset('owner', 'manager')).toBe(false);
  });
});

describe('canAssignRole', () => {
  const table: Record<Role, Record<Role, boolean>> = {
    owner: { owner: true, manager: true, engineer: true, assistant: true },
    manager: { owner: false, manager: true, engineer: true, assistant: true },
    engineer: { owner: false, manager: false, engineer: false, assistant: false },
    assistant: { owner: false, manager: false, engineer: false, assistant: false },
  };
  const cases = ROLES.flatMap((actor) => ROLES.map((target) => [actor, target, table[actor][target]] as const));

  it.each(cases)('%s assigning %s → %s', (actor, target, expected) => {
    expect(canAssignRole(actor, target)).toBe(expected);
  });

  it('only roles that may write members may assign any role', () => {
    for (const actor of ROLES) {
      const assignsSomething = ROLES.some((target) => canAssignRole(actor, target));
      expect(assignsSomething).toBe(can(actor, 'members:write'));
    }
  });

  it('nobody but an owner can make an owner', () => {
    expect(ROLES.filter((actor) => canAssignRole(actor, 'owner'))).toEqual(['owner']);
  });
});
