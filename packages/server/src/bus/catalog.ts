import { RuleMachine } from '@bosun/pattern';
import type { MetadataStore } from '../storage/index.js';
import { parseBusArn } from './arn.js';
import { isEnabled, tables, type ArchiveRecord, type BusRecord, type RuleRecord } from './records.js';

/**
 * Everything the hot path needs to route an event, in memory: buses, rules with their targets,
 * archives, and one compiled RuleMachine per bus (event-ruler style: matching cost barely grows
 * with the number of rules). The metadata store is the truth; the provider updates both, in that
 * order, so a restart rebuilds the same catalog with `load`.
 */
export class BusCatalog {
  private readonly buses = new Map<string, BusRecord>();
  private readonly rulesByBus = new Map<string, Map<string, RuleRecord>>();
  private readonly rulesByArn = new Map<string, RuleRecord>();
  private readonly machines = new Map<string, RuleMachine>();
  private readonly archivesByBus = new Map<string, Map<string, ArchiveRecord>>();
  private readonly archiveMachines = new Map<string, RuleMachine>();
  /** Bumped on every change, so derived views (the worker's target list) know to refresh. */
  generation = 0;

  static async load(metadata: MetadataStore): Promise<BusCatalog> {
    const c = new BusCatalog();
    for (const item of await metadata.list<BusRecord>(tables.buses)) c.putBus(item.value);
    for (const item of await metadata.list<RuleRecord>(tables.rules)) c.putRule(item.value);
    for (const item of await metadata.list<ArchiveRecord>(tables.archives)) c.putArchive(item.value);
    return c;
  }

  bus(arn: string): BusRecord | undefined {
    return this.buses.get(arn);
  }

  /** Stored buses of one account and region (the default bus only once it has been stored). */
  busesOf(accountId: string, region: string): BusRecord[] {
    return [...this.buses.values()].filter((b) => b.accountId === accountId && b.region === region);
  }

  putBus(bus: BusRecord): void {
    this.buses.set(bus.arn, bus);
    this.generation++;
  }

  removeBus(arn: string): void {
    this.buses.delete(arn);
    for (const rule of this.rulesOf(arn)) this.removeRule(rule.arn);
    this.generation++;
  }

  rule(arn: string): RuleRecord | undefined {
    return this.rulesByArn.get(arn);
  }

  ruleOf(busArn: string, name: string): RuleRecord | undefined {
    return this.rulesByBus.get(busArn)?.get(name);
  }

  /** Rules of a bus in name order. */
  rulesOf(busArn: string): RuleRecord[] {
    const rules = this.rulesByBus.get(busArn);
    return rules ? [...rules.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) : [];
  }

  allRules(): IterableIterator<RuleRecord> {
    return this.rulesByArn.values();
  }

  putRule(rule: RuleRecord): void {
    const previous = this.rulesByArn.get(rule.arn);
    if (previous) this.unindex(previous);
    this.rulesByArn.set(rule.arn, rule);
    let rules = this.rulesByBus.get(rule.busArn);
    if (!rules) this.rulesByBus.set(rule.busArn, (rules = new Map()));
    rules.set(rule.name, rule);
    if (rule.eventPattern !== undefined && isEnabled(rule.state)) {
      let machine = this.machines.get(rule.busArn);
      if (!machine) this.machines.set(rule.busArn, (machine = new RuleMachine()));
      // Patterns were validated by PutRule; one that no longer compiles (a stricter matcher after
      // an upgrade) must not stop the others from loading.
      try {
        machine.add(rule.name, rule.eventPattern);
      } catch {
        machine.remove(rule.name);
      }
    }
    this.generation++;
  }

  removeRule(arn: string): void {
    const rule = this.rulesByArn.get(arn);
    if (!rule) return;
    this.unindex(rule);
    this.rulesByArn.delete(arn);
    this.rulesByBus.get(rule.busArn)?.delete(rule.name);
    this.generation++;
  }

  private unindex(rule: RuleRecord): void {
    this.machines.get(rule.busArn)?.remove(rule.name);
  }

  /** Enabled pattern rules of the bus that the event (JSON text) matches, in rule order. */
  matchingRules(busArn: string, event: string): RuleRecord[] {
    const machine = this.machines.get(busArn);
    if (!machine || machine.size === 0) return [];
    const rules = this.rulesByBus.get(busArn);
    const out: RuleRecord[] = [];
    for (const name of machine.match(event)) {
      const rule = rules?.get(name);
      if (rule) out.push(rule);
    }
    return out;
  }

  archive(arn: string): ArchiveRecord | undefined {
    for (const archives of this.archivesByBus.values()) {
      const a = archives.get(arn);
      if (a) return a;
    }
    return undefined;
  }

  allArchives(): ArchiveRecord[] {
    return [...this.archivesByBus.values()].flatMap((archives) => [...archives.values()]);
  }

  archivesOf(accountId: string, region: string): ArchiveRecord[] {
    const out: ArchiveRecord[] = [];
    for (const archives of this.archivesByBus.values()) for (const a of archives.values()) if (a.accountId === accountId && a.region === region) out.push(a);
    return out.sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  putArchive(archive: ArchiveRecord): void {
    this.removeArchive(archive.arn);
    let archives = this.archivesByBus.get(archive.eventSourceArn);
    if (!archives) this.archivesByBus.set(archive.eventSourceArn, (archives = new Map()));
    archives.set(archive.arn, archive);
    if (archive.eventPattern !== undefined) {
      let machine = this.archiveMachines.get(archive.eventSourceArn);
      if (!machine) this.archiveMachines.set(archive.eventSourceArn, (machine = new RuleMachine()));
      try {
        machine.add(archive.arn, archive.eventPattern);
      } catch {
        machine.remove(archive.arn);
      }
    }
    this.generation++;
  }

  removeArchive(arn: string): void {
    for (const [busArn, archives] of this.archivesByBus) {
      if (archives.delete(arn)) this.archiveMachines.get(busArn)?.remove(arn);
    }
    this.generation++;
  }

  /** Archives of the bus that keep this event: those without a pattern, and those whose pattern matches. */
  matchingArchives(busArn: string, event: string): ArchiveRecord[] {
    const archives = this.archivesByBus.get(busArn);
    if (!archives || archives.size === 0) return [];
    const matched = new Set(this.archiveMachines.get(busArn)?.match(event) ?? []);
    return [...archives.values()].filter((a) => a.eventPattern === undefined || matched.has(a.arn));
  }

  /** Whether a bus exists: stored, or the always-present default bus of a valid scope. */
  busExists(arn: string): boolean {
    return this.buses.has(arn) || parseBusArn(arn)?.name === 'default';
  }
}
