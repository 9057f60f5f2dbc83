/**
 * Name grammars: OCI repository names and tags (distribution spec, "Pulling manifests"). ECR's
 * model uses the same repository-name pattern, with a length of 2–256 characters.
 */

const OCI_NAME = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;
const OCI_TAG = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;

export function isOciRepositoryName(name: string): boolean {
  return name.length <= 255 && OCI_NAME.test(name);
}

export function isEcrRepositoryName(name: string): boolean {
  return name.length >= 2 && name.length <= 256 && OCI_NAME.test(name);
}

export function isOciTag(tag: string): boolean {
  return OCI_TAG.test(tag);
}

/** A manifest reference from a URL: a digest if it has a colon, else a tag. */
export type Reference = { kind: 'digest'; digest: string } | { kind: 'tag'; tag: string };

export function parseReference(text: string): Reference {
  return text.includes(':') ? { kind: 'digest', digest: text } : { kind: 'tag', tag: text };
}
