import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ExtendAccessRequestDto } from '../access-requests/dto/access-request.dto.js';
import { UpdateDepartmentDto } from '../directory/dto/department.dto.js';
import { UpdateUserDto } from '../directory/dto/user.dto.js';
import { CreateOnboardingDto } from '../onboardings/dto/onboarding.dto.js';
import { validationMessages } from './validation.js';

type Dto = new () => object;
const messages = (dto: Dto, plain: object) => validationMessages(validateSync(plainToInstance(dto, plain), { whitelist: true, forbidNonWhitelisted: true }));
const uuid = '0b9c6f2e-8d1a-4c3b-9e5f-1a2b3c4d5e6f';

/** The DTOs built with PickType / PartialType from another refuse and accept what they did as classes of their own. */
describe('DTOs derived from one another validate as before', () => {
  it('an update of a user takes each field alone, refuses an explicit null except for the links it clears, and never the username', () => {
    expect(messages(UpdateUserDto, {})).toEqual([]);
    expect(messages(UpdateUserDto, { displayName: 'Wei', active: false, employeeId: null, departmentId: null, locale: 'en', timeZone: 'Asia/Shanghai' })).toEqual([]);
    expect(messages(UpdateUserDto, { displayName: null })).toHaveLength(4);
    expect(messages(UpdateUserDto, { roles: null })).toHaveLength(4);
    expect(messages(UpdateUserDto, { active: null })).toEqual(['active must be a boolean value']);
    expect(messages(UpdateUserDto, { password: 'short' })).toEqual(['password must be longer than or equal to 12 characters']);
    expect(messages(UpdateUserDto, { roles: ['root'] })).toEqual(['each value in roles must be one of the following values: employee, supervisor, leadership, it, cc_manager, site_manager, id_admin, hr, security, auditor']);
    expect(messages(UpdateUserDto, { username: 'other' })).toEqual(['property username should not exist']);
  });

  it('an update of a department takes the names and the supervisor (null removes it), never the code', () => {
    expect(messages(UpdateDepartmentDto, { nameEn: 'Outbound', supervisorUserId: null })).toEqual([]);
    expect(messages(UpdateDepartmentDto, { supervisorUserId: uuid })).toEqual([]);
    expect(messages(UpdateDepartmentDto, { nameZh: null })).toHaveLength(4);
    expect(messages(UpdateDepartmentDto, { nameEn: '' })).toEqual(['nameEn must be longer than or equal to 1 characters']);
    expect(messages(UpdateDepartmentDto, { code: 'x' })).toEqual(['property code should not exist']);
  });

  it('an onboarding takes an existing employee or a new hire, every field optional, an explicit null refused', () => {
    expect(messages(CreateOnboardingDto, { employeeId: uuid })).toEqual([]);
    expect(messages(CreateOnboardingDto, { fullName: 'Mei Chen', username: 'agent3', departmentId: uuid, password: 'a-long-first-password' })).toEqual([]);
    expect(messages(CreateOnboardingDto, { username: 'a b' })).toEqual(['username must be 2-64 characters: letters, digits, dot, hyphen, underscore']);
    expect(messages(CreateOnboardingDto, { fullName: null })).toHaveLength(4);
    expect(messages(CreateOnboardingDto, { departmentId: null })).toEqual(['departmentId must be a UUID']);
    expect(messages(CreateOnboardingDto, { password: 'short' })).toEqual(['password must be longer than or equal to 12 characters']);
  });

  it('an extension needs a window of at least 60 minutes and a justification, as a new request does', () => {
    expect(messages(ExtendAccessRequestDto, { durationMinutes: 60, justification: 'still needed' })).toEqual([]);
    expect(messages(ExtendAccessRequestDto, { durationMinutes: 59, justification: 'still needed' })).toEqual(['durationMinutes must not be less than 60']);
    expect(messages(ExtendAccessRequestDto, { justification: 'still needed' })).toEqual(['durationMinutes is required']);
    expect(messages(ExtendAccessRequestDto, { durationMinutes: 60, justification: 'still needed', kind: 'usb_media' })).toEqual(['property kind should not exist']);
    expect(messages(ExtendAccessRequestDto, { durationMinutes: 60, justification: 'more time' })).toEqual(['justification must be longer than or equal to 10 characters']);
  });
});
