/** The authorization matrix for the roles of MATRIX_FILES.owner (test/support/role-matrix.ts). */
import { MATRIX_FILES, roleMatrix } from '../support/role-matrix.ts';

roleMatrix(MATRIX_FILES.owner);
