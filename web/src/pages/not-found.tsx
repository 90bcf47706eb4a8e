import { pages } from '../paths';

export function NotFoundPage() {
  return (
    <section>
      <h1>No such page</h1>
      <p>
        <a href={pages.queue}>Back to the review queue</a>
      </p>
    </section>
  );
}
