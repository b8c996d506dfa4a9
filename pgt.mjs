import { PGlite } from '@electric-sql/pglite';
let t=Date.now();
const a = new PGlite(); await a.waitReady; console.log('fresh', Date.now()-t);
await a.exec('create table x(id int)');
t=Date.now(); const blob = await a.dumpDataDir('none'); console.log('dump', Date.now()-t, blob.size);
t=Date.now(); const b = new PGlite({ loadDataDir: blob }); await b.waitReady; console.log('load', Date.now()-t);
console.log((await b.query('select count(*) from x')).rows);
