// Express 4 is installed as `express4` (npm:express@4) beside Express 5, to run the same tests on both;
// Express 5's types describe what these tests use of it.
declare module 'express4' {
  import express from 'express';
  export default express;
}
