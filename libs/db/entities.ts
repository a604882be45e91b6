/** Every TypeORM entity (read models). Listed explicitly, like the migrations. */
export const entities: Function[] = [];
