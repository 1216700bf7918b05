// Back office (department officers) and the one-stop counter: routes under /back-office and /counter.
// Lazily loaded, like the catalog admin: citizens on phones never download it.
export default function OfficeApp({ path }: { path: string }) {
  return <p>{path}</p>;
}
