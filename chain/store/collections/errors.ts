// The one error collections throw: stored bytes that do not decode, or a key that cannot be stored. Corrupt state
// must halt the node, never become a tx error; callers turn expected absences into coded errors via mustGet.
export class CollectionError extends Error {
  constructor(message: string) {
    super(`collections: ${message}`);
    this.name = 'CollectionError';
  }
}
