import { validationException } from '../../errors/index.js';
import type { ServiceProvider } from '../provider.js';
import type { LogsContext } from './context.js';
import { invalidParameter } from './errors.js';
import { filterEventsOperations } from './filter-events.js';
import { getEventsOperation } from './get-events.js';
import { groupOperations } from './groups.js';
import { putEventsOperation } from './put-events.js';
import { streamOperations } from './streams.js';
import { tagOperations } from './tags.js';

/**
 * CloudWatch Logs (AWS JSON 1.1, `Logs_20140328.*`): log groups, streams and events, retention,
 * tags and filter patterns. Operations are grouped by resource.
 */
export function logsProvider(lc: LogsContext): ServiceProvider {
  return {
    service: 'logs',
    operations: {
      ...groupOperations(lc),
      ...streamOperations(lc),
      ...putEventsOperation(lc),
      ...getEventsOperation(lc),
      ...filterEventsOperations(lc),
      ...tagOperations(lc),
    },
    // CloudWatch Logs reports model validation failures as InvalidParameterException.
    validationError: (messages) => invalidParameter(validationException(messages).message),
  };
}
