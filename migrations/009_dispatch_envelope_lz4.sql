-- A task's envelope (a few KB, written once per dispatch) is compressed with lz4 where the server has
-- it: about half the CPU of the default pglz per insert (measured with bench/dispatch.bench.ts). A
-- server built without lz4 (the embedded PGlite) keeps pglz.
do $$
begin
  alter table dispatch_tasks alter column envelope set compression lz4;
exception when feature_not_supported or invalid_parameter_value or undefined_object then
  null;
end $$;
