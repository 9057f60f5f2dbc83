import { validationException, type AwsError } from '../../errors/index.js';
import type { ServiceProvider } from '../provider.js';
import { invalidRepositoryName } from './errors.js';
import { imageOperations } from './images.js';
import { layerOperations } from './layers.js';
import { lifecycleOperations } from './lifecycle.js';
import { repositoryOperations } from './repositories.js';
import type { EcrDeps } from './support.js';

/**
 * Amazon ECR (AWS JSON 1.1): repositories, images, layers, lifecycle policies and tokens, over the
 * same registry the OCI API at /v2/ serves, so a push through either shows in both.
 */
export function ecrProvider(deps: EcrDeps): ServiceProvider {
  return {
    service: 'ecr',
    operations: {
      ...repositoryOperations(deps),
      ...imageOperations(deps),
      ...layerOperations(deps),
      ...lifecycleOperations(deps),
    },
    // ECR reports a bad repository name as InvalidParameterException with its own wording.
    validationError(messages: string[]): AwsError {
      if (messages.some((m) => /at 'repositoryName' failed to satisfy constraint: Member must (satisfy regular expression|have length)/.test(m))) return invalidRepositoryName();
      return validationException(messages);
    },
  };
}
