import type { ServiceProvider } from '../provider.js';
import { archiveOperations } from './archives.js';
import { busOperations } from './buses.js';
import type { EventsContext } from './context.js';
import { permissionOperations } from './permissions.js';
import { putEventsOperation } from './put-events.js';
import { replayOperations } from './replays.js';
import { ruleOperations } from './rules.js';
import { tagOperations } from './tags.js';
import { targetOperations } from './targets.js';

/**
 * EventBridge (AWS JSON 1.1, `AWSEvents.*`): one provider, its operations grouped by resource.
 * Every operation works through the bus engine, so what the API changes is what routing sees.
 */
export function eventsProvider(ec: EventsContext): ServiceProvider {
  return {
    service: 'events',
    operations: {
      ...busOperations(ec),
      ...ruleOperations(ec),
      ...targetOperations(ec),
      ...putEventsOperation(ec),
      ...tagOperations(ec),
      ...permissionOperations(ec),
      ...archiveOperations(ec),
      ...replayOperations(ec),
    },
  };
}
