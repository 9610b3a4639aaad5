// Declarations only: React Native's bridge-module API (React/RCTBridgeModule.h), with the export macros written as
// React Native defines them, so the compiled modules carry the same method tables and strings as a real build.
#pragma once
#import <Foundation/Foundation.h>
@class RCTBridge, RCTUIManager, RCTEventDispatcher;
typedef void (^RCTResponseSenderBlock)(NSArray *response);
typedef void (^RCTResponseErrorBlock)(NSError *error);
typedef void (^RCTPromiseResolveBlock)(id result);
typedef void (^RCTPromiseRejectBlock)(NSString *code, NSString *message, NSError *error);
typedef struct RCTMethodInfo { const char *const jsName; const char *const objcName; const BOOL isSync; } RCTMethodInfo;
#define RCT_EXTERN extern __attribute__((visibility("default")))
#define RCT_CONCAT2(A, B) A##B
#define RCT_CONCAT(A, B) RCT_CONCAT2(A, B)
#define RCT_DYNAMIC
#define RCT_EXPORT_MODULE(js_name) \
  RCT_EXTERN void RCTRegisterModule(Class); \
  +(NSString *)moduleName { return @ #js_name; } \
  +(void)load { RCTRegisterModule(self); }
#define _RCT_EXTERN_REMAP_METHOD(js_name, method, is_blocking_synchronous_method) \
  +(const RCTMethodInfo *)RCT_CONCAT(__rct_export__, RCT_CONCAT(js_name, RCT_CONCAT(__LINE__, __COUNTER__))) { \
    static RCTMethodInfo config = {#js_name, #method, is_blocking_synchronous_method}; \
    return &config; \
  }
#define RCT_REMAP_METHOD(js_name, method) _RCT_EXTERN_REMAP_METHOD(js_name, method, NO) -(void)method RCT_DYNAMIC;
#define RCT_EXPORT_METHOD(method) RCT_REMAP_METHOD(, method)
#define RCT_EXPORT_BLOCKING_SYNCHRONOUS_METHOD(method) _RCT_EXTERN_REMAP_METHOD(, method, YES) -(id)method RCT_DYNAMIC;
RCT_EXTERN void RCTLogError_(NSString *format, ...);
#define RCTLogError(...) RCTLogError_(__VA_ARGS__)
#define RCTLogInfo(...) RCTLogError_(__VA_ARGS__)
#define RCTLogWarn(...) RCTLogError_(__VA_ARGS__)
@protocol RCTBridgeModule <NSObject>
+ (NSString *)moduleName;
@optional
@property (nonatomic, weak, readonly) RCTBridge *bridge;
- (dispatch_queue_t)methodQueue;
- (NSDictionary *)constantsToExport;
+ (BOOL)requiresMainQueueSetup;
- (void)invalidate;
@end
#import <React/RCTBridge.h>
