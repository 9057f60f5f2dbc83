import type { SqsContext } from './context.js';
import { invalidParameterValue, invalidValueFor, resourceNotFound } from './errors.js';
import type {
  CancelMessageMoveTaskRequest,
  CancelMessageMoveTaskResult,
  ListMessageMoveTasksRequest,
  ListMessageMoveTasksResult,
  ListMessageMoveTasksResultEntry,
  StartMessageMoveTaskRequest,
  StartMessageMoveTaskResult,
} from './model.js';
import type { MoveTask } from './move-tasks.js';
import { parseQueueArn } from './names.js';

/** StartMessageMoveTask, ListMessageMoveTasks and CancelMessageMoveTask (dead-letter queue redrive). */
export function moveOperations(sqs: SqsContext) {
  const sourceQueue = (arn: string) => {
    if (!parseQueueArn(arn)) {
      throw invalidParameterValue('You must use this format to specify the SourceArn: arn:<partition>:<service>:<region>:<account-id>:<resource-id>');
    }
    const queue = sqs.queues.get(arn);
    if (!queue) throw resourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.");
    return queue;
  };

  return {
    StartMessageMoveTask: (input: StartMessageMoveTaskRequest): StartMessageMoveTaskResult => {
      const source = sourceQueue(input.SourceArn);
      const isDeadLetterQueue = [...sqs.queues.all()].some((q) => q.redrive?.deadLetterTargetArn === source.arn);
      if (!isDeadLetterQueue) throw invalidParameterValue('Source queue must be configured as a Dead Letter Queue.');
      if (input.DestinationArn !== undefined && !sqs.queues.get(input.DestinationArn)) {
        throw resourceNotFound("The resource that you specified for the DestinationArn parameter doesn't exist.");
      }
      const rate = input.MaxNumberOfMessagesPerSecond;
      if (rate !== undefined && (!Number.isInteger(rate) || rate < 1 || rate > 500)) {
        throw invalidValueFor('MaxNumberOfMessagesPerSecond', rate, 'Must be between 1 and 500, if provided.');
      }
      if (sqs.moveTasks.active(source.arn)) {
        throw invalidParameterValue('There is already a task running. Only one active task is allowed for a source queue arn at a given time.');
      }
      const task = sqs.moveTasks.start({ id: sqs.ids.uuid(), sourceArn: source.arn, destinationArn: input.DestinationArn, maxPerSecond: rate }, source);
      return { TaskHandle: taskHandle(task) };
    },

    ListMessageMoveTasks: (input: ListMessageMoveTasksRequest): ListMessageMoveTasksResult => {
      const source = sourceQueue(input.SourceArn);
      const max = input.MaxResults ?? 1;
      if (!Number.isInteger(max) || max < 1 || max > 10) throw invalidValueFor('MaxResults', max, 'Must be between 1 and 10, if provided.');
      return { Results: sqs.moveTasks.list(source.arn).slice(0, max).map(toEntry) };
    },

    CancelMessageMoveTask: (input: CancelMessageMoveTaskRequest): CancelMessageMoveTaskResult => {
      const parsed = parseTaskHandle(input.TaskHandle);
      if (!parsed) throw invalidParameterValue('Value for parameter TaskHandle is invalid.');
      sourceQueue(parsed.sourceArn);
      const task = sqs.moveTasks.find(parsed.id);
      if (!task || task.status !== 'RUNNING') throw resourceNotFound('Task does not exist.');
      sqs.moveTasks.cancel(task);
      return { ApproximateNumberOfMessagesMoved: task.moved };
    },
  };
}

function toEntry(task: MoveTask): ListMessageMoveTasksResultEntry {
  const entry: ListMessageMoveTasksResultEntry = {
    Status: task.status,
    SourceArn: task.sourceArn,
    ApproximateNumberOfMessagesMoved: task.moved,
    ApproximateNumberOfMessagesToMove: task.toMove,
    StartedTimestamp: task.startedAt,
  };
  if (task.status === 'RUNNING') entry.TaskHandle = taskHandle(task);
  if (task.destinationArn !== undefined) entry.DestinationArn = task.destinationArn;
  if (task.maxPerSecond !== undefined) entry.MaxNumberOfMessagesPerSecond = task.maxPerSecond;
  if (task.failureReason !== undefined) entry.FailureReason = task.failureReason;
  return entry;
}

function taskHandle(task: MoveTask): string {
  return Buffer.from(JSON.stringify({ taskId: task.id, sourceArn: task.sourceArn }), 'utf8').toString('base64');
}

function parseTaskHandle(handle: string): { id: string; sourceArn: string } | undefined {
  try {
    const v = JSON.parse(Buffer.from(handle, 'base64').toString('utf8')) as { taskId?: unknown; sourceArn?: unknown };
    return typeof v.taskId === 'string' && typeof v.sourceArn === 'string' ? { id: v.taskId, sourceArn: v.sourceArn } : undefined;
  } catch {
    return undefined;
  }
}
